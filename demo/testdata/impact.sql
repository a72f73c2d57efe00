-- Program impact: the headcount on the first day of a fiscal year by
-- department and grade on that day, split into the users of some programs
-- in that year (a qualifying event: any action but rejected) and the
-- others, with how many of each left within the 12 months.
WITH
    employment AS
    (
        SELECT
            employee_id,
            argMax(hire_date, as_of) AS hire,
            argMax(termination_date, as_of) AS term,
            if(countIf(as_of <= {start:Date32}) > 0, argMaxIf(grade, as_of, as_of <= {start:Date32}), argMin(grade, as_of)) AS grade,
            if(countIf(as_of <= {start:Date32}) > 0, argMaxIf(department, as_of, as_of <= {start:Date32}), argMin(department, as_of)) AS department
        FROM employee_snapshots
        GROUP BY employee_id
    ),
    users AS
    (
        SELECT DISTINCT employee_id
        FROM program_events
        WHERE program_id IN {programs:Array(String)} AND action != 'rejected'
            AND event_date >= {start:Date32} AND event_date <= {end:Date32}
    )
SELECT
    department,
    grade,
    toUInt8(employee_id IN (SELECT employee_id FROM users)) AS used,
    count() AS n,
    countIf(term IS NOT NULL AND term <= {end:Date32}) AS leavers
FROM employment
WHERE hire <= {start:Date32} AND (term IS NULL OR term >= {start:Date32})
GROUP BY department, grade, used
ORDER BY department, grade, used

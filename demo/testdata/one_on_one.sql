-- 1on1 compliance by department in a fiscal year: the months in which
-- employees with a manager were employed on some day, and how many of them
-- had a 1on1. Department and manager as of the year's first day (for those
-- hired later, the first snapshot that lists them).
WITH
    employment AS
    (
        SELECT
            employee_id,
            argMax(hire_date, as_of) AS hire,
            argMax(termination_date, as_of) AS term,
            if(countIf(as_of <= {start:Date32}) > 0, argMaxIf(department, as_of, as_of <= {start:Date32}), argMin(department, as_of)) AS department,
            if(countIf(as_of <= {start:Date32}) > 0, argMaxIf(manager_id, as_of, as_of <= {start:Date32}), argMin(manager_id, as_of)) AS manager_id
        FROM employee_snapshots
        GROUP BY employee_id
    ),
    months AS
    (
        SELECT addMonths({start:Date32}, toInt32(number)) AS first_day, addDays(addMonths({start:Date32}, toInt32(number) + 1), -1) AS last_day
        FROM numbers(12)
    ),
    met AS
    (
        SELECT DISTINCT employee_id, toStartOfMonth(event_date) AS month
        FROM program_events
        WHERE program_id = '1ON1' AND event_date >= {start:Date32} AND event_date <= addDays(addMonths({start:Date32}, 12), -1)
    )
SELECT
    department,
    count() AS months,
    countIf((employee_id, toStartOfMonth(first_day)) IN (SELECT employee_id, month FROM met)) AS with_1on1
FROM employment
CROSS JOIN months
WHERE manager_id != '' AND hire <= last_day AND (term IS NULL OR term >= first_day)
GROUP BY department
ORDER BY department

-- The headcount on a day: hired by then and not terminated before it, with
-- hire and termination from the latest snapshot that lists each employee.
SELECT count() AS n
FROM
(
    SELECT
        employee_id,
        argMax(hire_date, as_of) AS hire,
        argMax(termination_date, as_of) AS term
    FROM employee_snapshots
    GROUP BY employee_id
)
WHERE hire <= {day:Date32} AND (term IS NULL OR term >= {day:Date32})

-- Terminations in a fiscal year and the headcount at its start and end.
SELECT
    countIf(term >= {start:Date32} AND term <= {end:Date32}) AS leavers,
    countIf(hire <= {start:Date32} AND (term IS NULL OR term >= {start:Date32})) AS at_start,
    countIf(hire <= {end:Date32} AND (term IS NULL OR term >= {end:Date32})) AS at_end
FROM
(
    SELECT
        employee_id,
        argMax(hire_date, as_of) AS hire,
        argMax(termination_date, as_of) AS term
    FROM employee_snapshots
    GROUP BY employee_id
)

-- Each employee's employment: hire and termination from the latest snapshot
-- that lists them (a later load breaks a tie between snapshots of one date).
SELECT
    e.employee_id AS employee_id,
    argMax(e.hire_date, (e.as_of, b.started_at)) AS hire_date,
    argMax(e.termination_date, (e.as_of, b.started_at)) AS termination_date
FROM employee_snapshots AS e
INNER JOIN (SELECT batch_id, started_at FROM load_batches FINAL WHERE state = 'committed') AS b
    ON b.batch_id = e.batch_id
GROUP BY e.employee_id

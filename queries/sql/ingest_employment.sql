-- Each employee's employment: hire and termination from the latest snapshot
-- that lists them, as the metrics read it (migration 0018).
SELECT employee_id, hire_date, termination_date
FROM employee_history

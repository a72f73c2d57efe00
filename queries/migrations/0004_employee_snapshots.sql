CREATE VIEW IF NOT EXISTS employee_snapshots AS
SELECT *
FROM raw_employee_snapshots
WHERE batch_id IN (SELECT batch_id FROM committed_batches)

CREATE VIEW IF NOT EXISTS programs AS
SELECT *
FROM raw_programs
WHERE batch_id IN (SELECT batch_id FROM committed_batches)

CREATE VIEW IF NOT EXISTS surveys AS
SELECT *
FROM raw_surveys
WHERE batch_id IN (SELECT batch_id FROM committed_batches)

CREATE VIEW IF NOT EXISTS program_events AS
SELECT *
FROM raw_program_events
WHERE batch_id IN (SELECT batch_id FROM committed_batches)

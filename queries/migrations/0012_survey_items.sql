CREATE VIEW IF NOT EXISTS survey_items AS
SELECT *
FROM raw_survey_items
WHERE batch_id IN (SELECT batch_id FROM committed_batches)

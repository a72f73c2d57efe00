CREATE VIEW IF NOT EXISTS survey_responses AS
SELECT *
FROM raw_survey_responses
WHERE batch_id IN (SELECT batch_id FROM committed_batches)

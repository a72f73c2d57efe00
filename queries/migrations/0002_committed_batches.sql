-- The batches whose rows are visible.
CREATE VIEW IF NOT EXISTS committed_batches AS
SELECT batch_id, dataset
FROM load_batches FINAL
WHERE state = 'committed'

-- A committed batch of a dataset loaded from the same inputs.
SELECT *
FROM load_batches FINAL
WHERE state = 'committed' AND dataset = {dataset:String} AND source_hash = {hash:String} AND source_hash != ''
ORDER BY started_at
LIMIT 1

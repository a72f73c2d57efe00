-- A committed batch of a dataset with the given content.
SELECT *
FROM load_batches FINAL
WHERE state = 'committed' AND dataset = {dataset:String} AND content_hash = {hash:String}
ORDER BY started_at
LIMIT 1

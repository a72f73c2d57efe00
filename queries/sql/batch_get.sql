SELECT *
FROM load_batches FINAL
WHERE batch_id = {batch_id:UUID}

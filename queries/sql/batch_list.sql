SELECT *
FROM load_batches FINAL
ORDER BY started_at DESC, batch_id

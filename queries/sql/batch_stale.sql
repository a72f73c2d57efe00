-- Batches that started loading and will never finish: their process died.
SELECT *
FROM load_batches FINAL
WHERE state = 'loading' AND started_at < {before:DateTime64(3, 'UTC')}
ORDER BY batch_id

-- The tables that hold loaded rows: every MergeTree table with a batch_id
-- column, except the batch log itself.
SELECT DISTINCT c.table AS table
FROM system.columns AS c
INNER JOIN system.tables AS t ON t.database = c.database AND t.name = c.table
WHERE c.database = currentDatabase()
  AND c.name = 'batch_id'
  AND t.engine LIKE '%MergeTree'
  AND c.table != 'load_batches'
ORDER BY table

-- The published versions, newest first.
SELECT version, period, period_start, period_end, published_at, published_by, settings
FROM publications
ORDER BY version DESC

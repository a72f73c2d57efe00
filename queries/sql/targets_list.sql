-- The targets set on the targets page, cleared ones included (value NULL).
SELECT metric_id, fiscal_year, value, updated_by, updated_at
FROM targets FINAL
ORDER BY metric_id, fiscal_year

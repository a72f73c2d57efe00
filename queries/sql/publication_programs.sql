-- The programs a published version freezes the metrics of one program for:
-- every program of the catalog.
SELECT program_id
FROM program_catalog
ORDER BY program_id

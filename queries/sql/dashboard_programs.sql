-- The program catalog, for the pages: every program the metrics can name,
-- by category and name.
SELECT program_id, kind, category, name_ja, name_en, builtin
FROM program_catalog
ORDER BY indexOf(['know', 'challenge', 'learn', 'manager'], category), builtin, program_id

-- The company's programs; a program loaded again takes its latest definition.
SELECT program_id, kind, category, name_ja, name_en
FROM program_catalog
WHERE NOT builtin
ORDER BY program_id

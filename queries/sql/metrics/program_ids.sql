-- Every program with its kind and category, to resolve a term's programs to
-- their ids for the fast paths (metrics/fast.go).
SELECT program_id, kind, toString(category) AS category FROM program_catalog

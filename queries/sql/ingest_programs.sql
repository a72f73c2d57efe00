-- The company's programs; a program loaded again takes its latest definition.
SELECT
    p.program_id AS program_id,
    argMax(p.kind, b.started_at) AS kind,
    argMax(toString(p.category), b.started_at) AS category,
    argMax(p.name_ja, b.started_at) AS name_ja,
    argMax(p.name_en, b.started_at) AS name_en
FROM programs AS p
INNER JOIN (SELECT batch_id, started_at FROM load_batches FINAL WHERE state = 'committed') AS b
    ON b.batch_id = p.batch_id
GROUP BY p.program_id
ORDER BY p.program_id

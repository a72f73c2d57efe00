-- The program catalog the metrics choose programs from: each loaded
-- program in its latest definition, and the built-in program of every kind
-- (its id is the kind's) unless a loaded program has that id. Events may
-- name a program by its kind, so a company that loads no catalog of its
-- own still has every kind. The built-in rows mirror catalog.Builtin; a
-- test keeps the two equal.
CREATE VIEW IF NOT EXISTS program_catalog AS
SELECT program_id, kind, category, name_ja, name_en, false AS builtin
FROM
(
    SELECT
        p.program_id AS program_id,
        argMax(toString(p.kind), b.started_at) AS kind,
        argMax(toString(p.category), b.started_at) AS category,
        argMax(p.name_ja, b.started_at) AS name_ja,
        argMax(p.name_en, b.started_at) AS name_en
    FROM raw_programs AS p
    INNER JOIN (SELECT batch_id, started_at FROM load_batches FINAL WHERE state = 'committed') AS b
        ON b.batch_id = p.batch_id
    GROUP BY p.program_id
)
UNION ALL
SELECT program_id, kind, category, name_ja, name_en, true AS builtin
FROM values('program_id String, kind String, category String, name_ja String, name_en String',
    ('career_interview', 'career_interview', 'know', 'キャリア面談', 'Career interview'),
    ('one_on_one', 'one_on_one', 'know', '1on1', '1on1'),
    ('self_assessment', 'self_assessment', 'know', '自己診断', 'Self-assessment'),
    ('internal_posting', 'internal_posting', 'challenge', '社内公募', 'Internal posting'),
    ('internal_fa', 'internal_fa', 'challenge', '社内FA', 'Internal FA'),
    ('side_job', 'side_job', 'challenge', '副業・兼業', 'Side job'),
    ('training', 'training', 'learn', '研修', 'Training'),
    ('certification', 'certification', 'learn', '資格取得支援', 'Certification subsidy'),
    ('elearning', 'elearning', 'learn', 'eラーニング', 'E-learning'),
    ('manager_training', 'manager_training', 'manager', '管理職研修', 'Manager training'))
WHERE program_id NOT IN (SELECT program_id FROM raw_programs WHERE batch_id IN (SELECT batch_id FROM committed_batches))

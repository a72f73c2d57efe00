-- The loaded surveys, each by its latest definition.
SELECT
    s.survey_id AS survey_id,
    argMax(s.opens_on, b.started_at) AS opens_on,
    argMax(s.closes_on, b.started_at) AS closes_on,
    argMax(s.identified, b.started_at) AS identified,
    argMax(s.batch_id, b.started_at) AS batch_id
FROM surveys AS s
INNER JOIN (SELECT batch_id, started_at FROM load_batches FINAL WHERE state = 'committed') AS b
    ON b.batch_id = s.batch_id
GROUP BY s.survey_id

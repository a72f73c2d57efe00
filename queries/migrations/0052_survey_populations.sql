-- The survey_population_source view kept as a table: a response rate's
-- headcount on each close date is counted from it (metrics/
-- response_rate_populations.sql) instead of matching every span to every
-- survey at each query. Rebuilt whenever the committed employee or survey
-- batches change (queries/derived.go).
CREATE TABLE IF NOT EXISTS survey_populations
(
    survey_id       String,
    closes_on       Date32,
    employee_id     String,
    department      LowCardinality(String),
    division        LowCardinality(String),
    grade           LowCardinality(String),
    employment_type LowCardinality(String),
    manager_id      String,
    hire_type       LowCardinality(String),
    gender          LowCardinality(String),
    job_family      LowCardinality(String),
    is_manager      LowCardinality(String),
    tenure_band     LowCardinality(String),
    no_key          String ALIAS '' COMMENT 'the key of an unused {key1}, {key2} or {within} of the metric SQL files'
)
ENGINE = MergeTree
ORDER BY (closes_on, department)

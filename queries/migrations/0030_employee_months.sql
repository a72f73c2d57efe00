-- The employee_month_source view kept as a table: 1on1 compliance counts
-- employee-months from it rather than spreading every span over its months.
-- Rebuilt whenever the committed employee or event batches change
-- (queries/derived.go).
CREATE TABLE IF NOT EXISTS employee_months
(
    month           Date32,
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
    programs        Array(LowCardinality(String)) COMMENT 'the programs with a qualifying event in the month'
)
ENGINE = MergeTree

ORDER BY (month, department)

-- The employee_span_source view kept as a table: every metric reads an
-- employee's attributes at a date from it, flat and without recomputing the
-- history from the snapshots. Rebuilt whenever the committed employee
-- batches change (queries/derived.go).
CREATE TABLE IF NOT EXISTS employee_spans
(
    employee_id          String,
    span_from            Date32,
    span_to              Date32,
    hire_date            Date32,
    termination_date     Nullable(Date32),
    last_day             Date32,
    termination_type     LowCardinality(String),
    regretted            Bool,
    employment_hire_type LowCardinality(String),
    department           LowCardinality(String),
    division             LowCardinality(String),
    grade                LowCardinality(String),
    employment_type      LowCardinality(String),
    manager_id           String,
    hire_type            LowCardinality(String),
    gender               LowCardinality(String),
    job_family           LowCardinality(String),
    is_manager           LowCardinality(String),
    tenure_band          LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY (span_to, employee_id)

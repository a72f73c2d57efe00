-- The program_event_fact_source view kept as a table: metrics/events.sql
-- counts a period's events by their employees' attributes from it, without
-- joining every event to the spans. Rebuilt whenever the committed employee
-- or event batches change (queries/derived.go).
CREATE TABLE IF NOT EXISTS program_event_facts
(
    program_id      LowCardinality(String),
    event_date      Date32,
    action          Enum8('participated' = 1, 'applied' = 2, 'approved' = 3, 'rejected' = 4, 'selected' = 5, 'transferred' = 6, 'completed' = 7),
    employee_id     String,
    hours           Nullable(Float64),
    cost_jpy        Nullable(Int64),
    department      LowCardinality(String),
    division        LowCardinality(String),
    grade           LowCardinality(String),
    employment_type LowCardinality(String),
    manager_id      String,
    hire_type       LowCardinality(String),
    gender          LowCardinality(String),
    job_family      LowCardinality(String),
    is_manager      LowCardinality(String),
    tenure_band     LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY (program_id, event_date)

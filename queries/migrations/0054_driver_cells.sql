-- The driver_cell_source view kept as a table: engagement drivers merge its
-- correlation states (metrics/drivers_cells.sql) instead of joining every
-- respondent to every item at each query. Rebuilt whenever the committed
-- employee, survey or response batches change (queries/derived.go).
CREATE TABLE IF NOT EXISTS driver_cells
(
    closes_on       Date32,
    item            String,
    theme           String,
    department      LowCardinality(String),
    division        LowCardinality(String),
    grade           LowCardinality(String),
    employment_type LowCardinality(String),
    hire_type       LowCardinality(String),
    gender          LowCardinality(String),
    job_family      LowCardinality(String),
    is_manager      LowCardinality(String),
    tenure_band     LowCardinality(String),
    r               AggregateFunction(corr, Float64, Float64),
    respondents     UInt64,
    no_key          String ALIAS '' COMMENT 'the key of an unused {key1} or {key2} of the metric SQL files'
)
ENGINE = MergeTree
ORDER BY (closes_on, item, department)

-- The one_on_one_cell_source view kept as a table. Rebuilt whenever the
-- committed employee, event or program batches change (queries/derived.go),
-- after employee_months, which it reads.
CREATE TABLE IF NOT EXISTS one_on_one_cells
(
    month            Date32,
    department       LowCardinality(String),
    division         LowCardinality(String),
    grade            LowCardinality(String),
    employment_type  LowCardinality(String),
    hire_type        LowCardinality(String),
    gender           LowCardinality(String),
    job_family       LowCardinality(String),
    is_manager       LowCardinality(String),
    tenure_band      LowCardinality(String),
    employee_months  UInt64 COMMENT 'employee-months with a manager',
    compliant_months UInt64 COMMENT 'those with a qualifying event of a program of kind one_on_one',
    no_key           String ALIAS '' COMMENT 'the key of an unused {key1} or {key2} of the metric SQL files'
)
ENGINE = MergeTree
ORDER BY (month, department)

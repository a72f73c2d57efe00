-- The HR master as loaded: one row per employee and snapshot date.
CREATE TABLE IF NOT EXISTS raw_employee_snapshots
(
    batch_id         UUID,
    as_of            Date32 COMMENT 'the snapshot date; attributes hold from it until the next snapshot',
    employee_id      String,
    department       LowCardinality(String),
    division         LowCardinality(String),
    grade            LowCardinality(String),
    job_family       LowCardinality(String),
    employment_type  LowCardinality(String),
    is_manager       Nullable(Bool),
    manager_id       String,
    gender           LowCardinality(String),
    birth_date       Nullable(Date32),
    hire_type        LowCardinality(String) COMMENT 'new_graduate, mid_career or empty',
    hire_date        Date32,
    termination_date Nullable(Date32) COMMENT 'the last day employed',
    termination_type LowCardinality(String) COMMENT 'voluntary, involuntary, retirement, other or empty',
    regretted        Nullable(Bool),
    source_line      UInt32
)
ENGINE = MergeTree
ORDER BY (employee_id, as_of)

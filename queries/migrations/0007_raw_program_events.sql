-- One row per use of a program.
CREATE TABLE IF NOT EXISTS raw_program_events
(
    batch_id       UUID,
    event_id       String,
    employee_id    String,
    program_id     LowCardinality(String),
    event_date     Date32,
    action         Enum8('participated' = 1, 'applied' = 2, 'approved' = 3, 'rejected' = 4, 'selected' = 5, 'transferred' = 6, 'completed' = 7),
    hours          Nullable(Float64),
    cost_jpy       Nullable(Int64),
    counterpart_id String COMMENT 'the manager or interviewer',
    source_line    UInt32
)
ENGINE = MergeTree
PARTITION BY toYear(event_date)
ORDER BY (program_id, employee_id, event_date)

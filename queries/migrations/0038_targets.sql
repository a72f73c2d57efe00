-- Targets as HR edits them on the targets page, over those of the
-- configuration file. A change is a new row with a higher revision; the row
-- with the highest revision of a metric and fiscal year is the target now,
-- read with FINAL. A NULL value clears the target (the file's included).
CREATE TABLE IF NOT EXISTS targets
(
    metric_id   LowCardinality(String),
    fiscal_year UInt16,
    value       Nullable(Float64),
    revision    UInt64 COMMENT 'microseconds since the epoch of the change',
    updated_by  String,
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (metric_id, fiscal_year)

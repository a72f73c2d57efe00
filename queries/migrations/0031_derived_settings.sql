-- Settings of the company that some derived tables are built for (see
-- queries/derived.go), such as the month fiscal years start in: the last
-- value set for each name holds.
CREATE TABLE IF NOT EXISTS derived_settings
(
    name   String,
    value  String,
    set_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(set_at)
ORDER BY name

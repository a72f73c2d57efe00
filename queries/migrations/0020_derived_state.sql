-- When each derived table (see queries/derived.go) was last built, and from
-- which committed batches: the fingerprint of their ids.
CREATE TABLE IF NOT EXISTS derived_state
(
    name         String,
    fingerprint  String,
    refreshed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(refreshed_at)
ORDER BY name

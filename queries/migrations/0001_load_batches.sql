-- Every load is one batch. Its rows become visible when a later revision of
-- the batch says 'committed'; the highest revision of a batch is its state.
CREATE TABLE IF NOT EXISTS load_batches
(
    batch_id     UUID,
    revision     UInt64 COMMENT 'grows with every change of state; the highest is current',
    dataset      LowCardinality(String),
    state        Enum8('loading' = 1, 'committed' = 2, 'aborted' = 3, 'undone' = 4, 'replaced' = 5),
    content_hash String COMMENT 'sha256 of the normalised rows: the same content is never loaded twice',
    source       String COMMENT 'the file or files the rows came from',
    rows         UInt64,
    rejected     UInt64 COMMENT 'invalid rows skipped with --skip-invalid',
    replaces     Nullable(UUID) COMMENT 'the batch this one replaced (--replace)',
    loaded_by    String,
    started_at   DateTime64(3, 'UTC'),
    updated_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY batch_id

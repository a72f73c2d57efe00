-- Published versions of the metrics of a period: a version exists once its row is here.
CREATE TABLE IF NOT EXISTS publications
(
    version      UInt32,
    period       String COMMENT 'e.g. FY2025',
    period_start Date32,
    period_end   Date32,
    published_at DateTime64(3, 'UTC'),
    published_by String,
    settings     String COMMENT 'the settings that shaped the figures, as JSON (fiscal year start, turnover formula, anonymity threshold)'
)
ENGINE = MergeTree
ORDER BY version

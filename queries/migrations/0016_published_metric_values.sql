-- Every metric at every standard cut, frozen by publishing.
CREATE TABLE IF NOT EXISTS published_metric_values
(
    version          UInt32,
    metric_id        LowCardinality(String),
    cut              LowCardinality(String) COMMENT 'the dimensions, comma-separated; empty for the total',
    dimension_values Array(String),
    value            Nullable(Float64),
    numerator        Nullable(Float64),
    denominator      Nullable(Float64),
    respondents      Nullable(UInt32),
    withheld         Bool COMMENT 'withheld for anonymity',
    reason           LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY (version, metric_id, cut, dimension_values)

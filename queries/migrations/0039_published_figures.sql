-- Every metric at every standard cut of a published version, as the pages,
-- the report and the API showed them when it was published: values,
-- numerators and denominators, respondents, withheld figures, targets, and
-- the previous period's values. A version's figures count once its row is
-- in publications; rows of a version without one are those of a publish
-- that failed, never read (version numbers are not reused).
CREATE TABLE IF NOT EXISTS published_figures
(
    version          UInt32,
    metric_id        LowCardinality(String),
    program          LowCardinality(String) COMMENT 'the program of a metric of one program; empty for the others',
    cut              LowCardinality(String) COMMENT 'the dimensions, comma-separated; empty for the total',
    total            Bool COMMENT 'a total of a breakdown (one per period of a time dimension)',
    position         UInt32 COMMENT 'the row''s place in the result',
    dimension_values Array(String),
    value            Nullable(Float64),
    numerator        Float64,
    denominator      Nullable(Float64),
    respondents      UInt32,
    withheld         Bool,
    reason           LowCardinality(String),
    target           Nullable(Float64),
    previous         Nullable(Float64),
    change           Nullable(Float64),
    previous_kind    LowCardinality(String) COMMENT 'the period compared with: its kind, label and dates; empty without a comparison',
    previous_label   String,
    previous_start   Nullable(Date32),
    previous_end     Nullable(Date32)
)
ENGINE = MergeTree
ORDER BY (version, metric_id, program, cut, total, dimension_values)

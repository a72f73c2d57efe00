-- The survey_respondent_source view kept as a table: survey figures not cut
-- by theme or item count respondents and their answers from it, a row per
-- respondent instead of one per answer. Rebuilt whenever the committed
-- employee, survey or response batches change (queries/derived.go).
CREATE TABLE IF NOT EXISTS survey_respondents
(
    survey_id       String,
    closes_on       Date32,
    respondent      UInt64 COMMENT 'survey_answers.respondent',
    department      LowCardinality(String),
    division        LowCardinality(String),
    grade           LowCardinality(String),
    employment_type LowCardinality(String),
    manager_id      String,
    hire_type       LowCardinality(String),
    gender          LowCardinality(String),
    job_family      LowCardinality(String),
    is_manager      LowCardinality(String),
    tenure_band     LowCardinality(String),
    answered        UInt64 COMMENT 'the items answered with a value: survey_item_bits.bit of each',
    favorable       UInt64,
    unfavorable     UInt64,
    promoters       UInt64 COMMENT 'nps11 items answered 9-10',
    detractors      UInt64 COMMENT 'nps11 items answered 0-6',
    mixed           Bool COMMENT 'the respondent has other rows, under other attributes'
)
ENGINE = MergeTree
ORDER BY (closes_on, department)

-- The survey_answer_source view kept as a table, ordered by close date so
-- a period reads only its surveys. Rebuilt whenever the committed employee,
-- survey or response batches change (queries/derived.go).
CREATE TABLE IF NOT EXISTS survey_answers
(
    survey_id        String,
    respondent_id    String,
    respondent       UInt64 COMMENT 'cityHash64(survey_id, respondent_id)',
    item             String,
    closes_on        Date32,
    scale            LowCardinality(String),
    theme            LowCardinality(String),
    engagement_index Bool,
    value            Int16 COMMENT '-1 for a free-text answer',
    favorable        Bool,
    unfavorable      Bool,
    known            Bool COMMENT 'an identified respondent found in the HR master',
    department       LowCardinality(String),
    division         LowCardinality(String),
    grade            LowCardinality(String),
    employment_type  LowCardinality(String),
    manager_id       String,
    hire_type        LowCardinality(String),
    gender           LowCardinality(String),
    job_family       LowCardinality(String),
    is_manager       LowCardinality(String),
    tenure_band      LowCardinality(String),
    employee_id      String COMMENT 'the respondent of an identified survey; empty otherwise'
)
ENGINE = MergeTree
ORDER BY (closes_on, survey_id, item, respondent_id)

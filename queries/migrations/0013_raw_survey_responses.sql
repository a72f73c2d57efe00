-- Answers: one row per respondent and item.
CREATE TABLE IF NOT EXISTS raw_survey_responses
(
    batch_id            UUID,
    survey_id           String,
    respondent_id       String COMMENT 'the employee id when the survey is identified, else an opaque id',
    employee_id         String COMMENT 'empty when the survey is anonymous',
    item_id             String,
    value               Nullable(UInt8) COMMENT 'the answer on the item scale (1-7, 0-10, 0/1); NULL when blank',
    text                String COMMENT 'free-text answers',
    segment_department  LowCardinality(String) COMMENT 'captured at response time for anonymous surveys',
    segment_grade       LowCardinality(String),
    segment_tenure_band LowCardinality(String),
    responded_at        Nullable(DateTime64(3, 'UTC')),
    source_line         UInt32
)
ENGINE = MergeTree
ORDER BY (survey_id, item_id, respondent_id)

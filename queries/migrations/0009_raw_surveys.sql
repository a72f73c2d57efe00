-- Survey definitions.
CREATE TABLE IF NOT EXISTS raw_surveys
(
    batch_id    UUID,
    survey_id   String,
    title_ja    String,
    title_en    String,
    opens_on    Date32,
    closes_on   Date32,
    invited     Nullable(UInt32),
    identified  Bool COMMENT 'respondents are employee ids, not opaque ids',
    source_line UInt32
)
ENGINE = MergeTree
ORDER BY survey_id

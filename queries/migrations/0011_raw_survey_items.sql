-- The items (questions) of each survey.
CREATE TABLE IF NOT EXISTS raw_survey_items
(
    batch_id         UUID,
    survey_id        String,
    item_id          String,
    position         UInt16,
    text_ja          String,
    text_en          String,
    scale            Enum8('likert4' = 1, 'likert5' = 2, 'likert7' = 3, 'nps11' = 4, 'yesno' = 5, 'text' = 6),
    theme            LowCardinality(String),
    reverse_coded    Bool,
    engagement_index Bool COMMENT 'the item belongs to the engagement index',
    source_line      UInt32
)
ENGINE = MergeTree
ORDER BY (survey_id, item_id)

-- Programs loaded by the company, beside the built-in catalog.
CREATE TABLE IF NOT EXISTS raw_programs
(
    batch_id    UUID,
    program_id  String,
    kind        LowCardinality(String),
    category    Enum8('know' = 1, 'challenge' = 2, 'learn' = 3, 'manager' = 4),
    name_ja     String,
    name_en     String,
    source_line UInt32
)
ENGINE = MergeTree
ORDER BY program_id

-- The record of applied migrations. Written so that any ClickHouse server
-- careerkpi can talk to holds it, even one too old for the schema itself.
CREATE TABLE IF NOT EXISTS schema_migrations
(
    version    UInt32,
    name       String,
    checksum   String,
    applied_at DateTime('UTC')
)
ENGINE = MergeTree
ORDER BY version

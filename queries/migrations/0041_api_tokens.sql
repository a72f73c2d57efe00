-- Tokens for the metrics API (package users): each is a random secret shown
-- once; only its SHA-256 is kept. A revocation is a new row with a higher
-- revision, read with FINAL.
CREATE TABLE IF NOT EXISTS api_tokens
(
    token_hash String COMMENT 'hex SHA-256 of the token',
    name       String COMMENT 'the user the token acts as',
    label      String COMMENT 'what the token is for, as its owner named it',
    revoked    UInt8,
    revision   UInt64,
    created_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY token_hash

-- A token as it is now, by its hash.
SELECT token_hash, name, label, revoked, revision, created_at
FROM api_tokens FINAL
WHERE token_hash = {hash:String}

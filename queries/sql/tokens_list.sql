-- The tokens of a user as they are now, revoked ones left out.
SELECT token_hash, name, label, revoked, revision, created_at
FROM api_tokens FINAL
WHERE name = {name:String} AND NOT revoked
ORDER BY created_at

-- The latest revision of one user, removed or not: a removed name keeps its
-- revision, so that adding it again writes a higher one.
SELECT name, display_name, role, scope, password_hash, deleted, revision, created_at, updated_at
FROM users FINAL
WHERE name = {name:String}

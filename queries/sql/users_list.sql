-- The users as they are now, removed ones left out.
SELECT name, display_name, role, scope, password_hash, deleted, revision, created_at, updated_at
FROM users FINAL
WHERE NOT deleted
ORDER BY name

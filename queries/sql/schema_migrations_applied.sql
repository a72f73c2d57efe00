-- Two processes migrating at once may both record a version: read each once.
SELECT version, any(name) AS name, any(checksum) AS checksum, min(applied_at) AS applied_at
FROM schema_migrations
GROUP BY version
ORDER BY version

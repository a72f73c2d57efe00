-- What the derived tables are built from: each dataset's committed batches
-- (kind 'dataset': their ids, sorted), each setting some are built for
-- (kind 'setting': its last value), and the fingerprint each derived table
-- was last built from (kind 'built').
SELECT 'dataset' AS kind, toString(dataset) AS name, arrayStringConcat(arraySort(groupArray(toString(batch_id))), ',') AS value
FROM committed_batches
GROUP BY dataset
UNION ALL
SELECT 'setting' AS kind, name, argMax(value, set_at) AS value
FROM derived_settings
GROUP BY name
UNION ALL
SELECT 'built' AS kind, name, argMax(fingerprint, refreshed_at) AS value
FROM derived_state
GROUP BY name

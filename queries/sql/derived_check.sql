-- A derived table's state: the fingerprint of the committed batches of its
-- datasets now, and the one it was last built from ('' if never).
SELECT
    (
        SELECT hex(SHA256(arrayStringConcat(arraySort(groupArray(toString(batch_id))), ',')))
        FROM committed_batches
        WHERE has({datasets:Array(String)}, toString(dataset))
    ) AS current,
    (
        SELECT argMax(fingerprint, refreshed_at)
        FROM derived_state
        WHERE name = {name:String}
    ) AS built

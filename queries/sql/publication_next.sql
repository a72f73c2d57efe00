-- The number of the next version: one more than the highest published or
-- begun (a publish that failed left rows under its number).
SELECT toUInt32(greatest(
    (SELECT max(version) FROM publications),
    (SELECT max(version) FROM published_figures))) + 1 AS version

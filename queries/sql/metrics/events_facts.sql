-- Program events of each period, straight from program_event_facts: what
-- events.sql computes with {rollups}, for programs resolved to their ids
-- ({program_ids}; metrics/fast.go), so that the table's order by program
-- narrows the read. The same figures, which a test checks.
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    sum(n) AS events,
    sum(h) AS hours,
    sum(c) AS cost_jpy
FROM
(
    SELECT event_date, {key1:Identifier} AS k1, {key2:Identifier} AS k2, count() AS n, sum(ifNull(hours, 0)) AS h, sum(ifNull(cost_jpy, 0)) AS c
    FROM program_event_facts
    WHERE has({program_ids:Array(String)}, program_id)
      AND if(empty({actions:Array(String)}), action != 'rejected', has({actions:Array(String)}, toString(action)))
      AND event_date >= arrayMin({starts:Array(Date32)}) AND event_date <= arrayMax({ends:Array(Date32)})
      AND {attributes:Filter}
    GROUP BY event_date, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
    arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

-- Program events of each period: how many (of the chosen actions, or every
-- qualifying one — any but 'rejected' — when {actions} is empty), and their
-- hours and cost. Programs are chosen as in utilization.sql. An event counts
-- under its employee's attributes on its date (the span holding it); events
-- of employees missing from the HR master are left out. Rows with an empty
-- key are the totals.
--
-- The events with their attributes come from program_event_facts (with
-- {rollups}), else from its view, which joins them to the spans at each
-- query; a test checks the table holds what the view computes. They are
-- counted per date and key first, and the dates then placed in the periods.
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    sum(n) AS events,
    sum(h) AS hours,
    sum(c) AS cost_jpy
FROM
(
    SELECT event_date, {key1:Identifier} AS k1, {key2:Identifier} AS k2, count() AS n, sum(ifNull(hours, 0)) AS h, sum(ifNull(cost_jpy, 0)) AS c
    FROM
    (
        SELECT *
        FROM program_event_facts
        WHERE {rollups:Bool}
        UNION ALL
        SELECT *
        FROM program_event_fact_source
        WHERE NOT {rollups:Bool}
    )
    WHERE if(empty({actions:Array(String)}), action != 'rejected', has({actions:Array(String)}, toString(action)))
      AND event_date >= arrayMin({starts:Array(Date32)}) AND event_date <= arrayMax({ends:Array(Date32)})
      AND program_id IN (
          SELECT program_id FROM program_catalog
          WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
      AND {attributes:Filter}
    GROUP BY event_date, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
    arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

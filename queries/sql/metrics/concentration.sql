-- Usage concentration: of all qualifying uses (events of any action but
-- 'rejected') of the chosen programs in each period, the share made by the
-- top 20% of their users (the most active fifth, rounded up). A user counts
-- under their attributes on their last active day of the period.
SELECT
    p,
    key,
    count() AS users,
    sum(uses) AS all_uses,
    arraySum(arraySlice(arrayReverseSort(groupArray(uses)), 1, toUInt64(ceil(count() * 0.2)))) AS top_uses
FROM
(
    SELECT
        ev.p AS p, ev.uses AS uses, least({ends:Array(Date32)}[p], e.last_day) AS d,
        arrayPushBack(e.attributes[greatest(1, arrayLastIndex(x -> x <= d, e.as_ofs))],
            multiIf(d < e.hire_date, '', age('month', e.hire_date, d) < 12, '<1y', age('month', e.hire_date, d) < 36, '1-3y',
                age('month', e.hire_date, d) < 60, '3-5y', age('month', e.hire_date, d) < 120, '5-10y', '10y+')) AS ak,
        arrayMap(i -> ak[i], {by:Array(UInt8)}) AS key
    FROM
    (
        SELECT employee_id,
            arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS p,
            count() AS uses
        FROM program_events
        WHERE action != 'rejected'
          AND program_id IN (
              SELECT program_id FROM program_catalog
              WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
        GROUP BY employee_id, p
    ) AS ev
    INNER JOIN employee_timeline AS e ON e.employee_id = ev.employee_id
    WHERE arrayAll((i, vs) -> has(vs, ak[i]), {filter_dims:Array(UInt8)}, {filter_values:Array(Array(String))})
)
GROUP BY p, key
ORDER BY p, key

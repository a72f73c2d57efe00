-- Usage concentration: of all qualifying uses (events of any action but
-- 'rejected') of the chosen programs in each period, the share made by the
-- top 20% of their users (the most active fifth, rounded up). A user counts
-- under their attributes on their last active day of the period. Rows with
-- an empty key are the totals.
SELECT
    p,
    arraySlice(av, 1, length({by:Array(UInt8)})) AS key,
    count() AS users,
    sum(uses) AS all_uses,
    arraySum(arraySlice(arrayReverseSort(groupArray(uses)), 1, toUInt64(ceil(count() * 0.2)))) AS top_uses
FROM
(
    SELECT
        ev.p AS p, ev.uses AS uses, least({ends:Array(Date32)}[p], e.last_day) AS d,
        arrayMap(i -> multiIf(i = 1, e.department, i = 2, e.division, i = 3, e.grade, i = 4, e.employment_type, i = 5, e.manager_id,
            i = 6, e.hire_type, i = 7, e.gender, i = 8, e.job_family, i = 9, e.is_manager, i = 10, e.tenure_band, ''),
            arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
    FROM employee_spans AS e
    INNER JOIN
    (
        SELECT employee_id,
            arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS p,
            count() AS uses
        FROM program_events
        WHERE action != 'rejected'
          AND event_date >= arrayMin({starts:Array(Date32)}) AND event_date <= arrayMax({ends:Array(Date32)})
          AND program_id IN (
              SELECT program_id FROM program_catalog
              WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
        GROUP BY employee_id, p
    ) AS ev ON ev.employee_id = e.employee_id
    WHERE e.span_to >= arrayMin({starts:Array(Date32)}) AND e.span_from <= arrayMax({ends:Array(Date32)})
      AND e.span_from <= d AND d <= e.span_to
)
WHERE arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key), (p))
ORDER BY p, key

-- Program utilization: of the employees active on at least one day of each
-- period (or, with {whole_period}, on every day of it), those with a
-- qualifying event (any action but 'rejected') of the chosen programs in the
-- period. Programs are chosen by category ({categories}) or by program id or
-- kind ({programs}). An employee is counted under their attributes on their
-- last active day of the period.
SELECT
    p,
    arrayMap(i -> ak[i], {by:Array(UInt8)}) AS key,
    count() AS eligible,
    countIf((employee_id, p) IN (
        SELECT employee_id, arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
            arrayEnumerate({starts:Array(Date32)}))) AS p
        FROM program_events
        WHERE action != 'rejected'
          AND program_id IN (
              SELECT program_id FROM program_catalog
              WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
    )) AS users
FROM
(
    SELECT
        employee_id, p, least({ends:Array(Date32)}[p], last_day) AS d,
        arrayPushBack(attributes[greatest(1, arrayLastIndex(x -> x <= d, as_ofs))],
            multiIf(d < hire_date, '', age('month', hire_date, d) < 12, '<1y', age('month', hire_date, d) < 36, '1-3y',
                age('month', hire_date, d) < 60, '3-5y', age('month', hire_date, d) < 120, '5-10y', '10y+')) AS ak
    FROM employee_timeline
    ARRAY JOIN arrayEnumerate({starts:Array(Date32)}) AS p
    WHERE if({whole_period:Bool},
        hire_date <= {starts:Array(Date32)}[p] AND last_day >= {ends:Array(Date32)}[p],
        hire_date <= {ends:Array(Date32)}[p] AND last_day >= {starts:Array(Date32)}[p])
)
WHERE arrayAll((i, vs) -> has(vs, ak[i]), {filter_dims:Array(UInt8)}, {filter_values:Array(Array(String))})
GROUP BY p, key
ORDER BY p, key

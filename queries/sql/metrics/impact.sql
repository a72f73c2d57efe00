-- Program impact: the headcount on the first day of each period (a fiscal
-- year) split into users — at least one qualifying event (any action but
-- 'rejected') of the chosen programs in the period — and non-users, with
-- how many of each left within the 12 months from that first day. Each
-- employee counts under their attributes on that first day.
SELECT
    p,
    arrayMap(i -> ak[i], {by:Array(UInt8)}) AS key,
    used,
    count() AS employees,
    countIf(last_day < addYears({starts:Array(Date32)}[p], 1)) AS leavers
FROM
(
    SELECT
        employee_id, p, last_day, {starts:Array(Date32)}[p] AS d,
        arrayPushBack(attributes[greatest(1, arrayLastIndex(x -> x <= d, as_ofs))],
            multiIf(d < hire_date, '', age('month', hire_date, d) < 12, '<1y', age('month', hire_date, d) < 36, '1-3y',
                age('month', hire_date, d) < 60, '3-5y', age('month', hire_date, d) < 120, '5-10y', '10y+')) AS ak,
        (employee_id, p) IN (
            SELECT employee_id, arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS p
            FROM program_events
            WHERE action != 'rejected'
              AND program_id IN (
                  SELECT program_id FROM program_catalog
                  WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
        ) AS used
    FROM employee_history
    ARRAY JOIN arrayEnumerate({starts:Array(Date32)}) AS p
    WHERE hire_date <= {starts:Array(Date32)}[p] AND last_day >= {starts:Array(Date32)}[p]
)
WHERE arrayAll((i, vs) -> has(vs, ak[i]), {filter_dims:Array(UInt8)}, {filter_values:Array(Array(String))})
GROUP BY p, key, used
ORDER BY p, key, used

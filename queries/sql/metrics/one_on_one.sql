-- 1on1 monthly compliance: the employee-months of each period in which the
-- employee was employed on at least one day and had a manager, and those of
-- them with at least one 1on1 (a qualifying event of the chosen programs,
-- normally kind one_on_one) in the month. Months are calendar months cut to
-- the period. An employee-month counts under the employee's attributes on
-- their last active day of the month.
SELECT
    p,
    arrayMap(i -> ak[i], {by:Array(UInt8)}) AS key,
    count() AS employee_months,
    countIf((employee_id, month) IN (
        SELECT DISTINCT employee_id, toStartOfMonth(event_date)
        FROM program_events
        WHERE action != 'rejected'
          AND event_date >= arrayMin({starts:Array(Date32)}) AND event_date <= arrayMax({ends:Array(Date32)})
          AND program_id IN (
              SELECT program_id FROM program_catalog
              WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
    )) AS compliant_months,
    uniqExact(employee_id) AS employees
FROM
(
    SELECT
        employee_id, p, month,
        least(greatest(toLastDayOfMonth(month), month), {ends:Array(Date32)}[p], last_day) AS d,
        arrayPushBack(attributes[greatest(1, arrayLastIndex(x -> x <= d, as_ofs))],
            multiIf(d < hire_date, '', age('month', hire_date, d) < 12, '<1y', age('month', hire_date, d) < 36, '1-3y',
                age('month', hire_date, d) < 60, '3-5y', age('month', hire_date, d) < 120, '5-10y', '10y+')) AS ak
    FROM employee_timeline
    ARRAY JOIN arrayEnumerate({starts:Array(Date32)}) AS p
    ARRAY JOIN arrayMap(i -> toDate32(addMonths(toStartOfMonth({starts:Array(Date32)}[p]), i)),
        range(toUInt32(age('month', toStartOfMonth({starts:Array(Date32)}[p]), toStartOfMonth({ends:Array(Date32)}[p])) + 1))) AS month
    WHERE hire_date <= least(toLastDayOfMonth(month), {ends:Array(Date32)}[p])
      AND last_day >= greatest(month, {starts:Array(Date32)}[p])
      AND hire_date <= {ends:Array(Date32)}[p] AND last_day >= {starts:Array(Date32)}[p]
)
WHERE ak[5] != ''
  AND arrayAll((i, vs) -> has(vs, ak[i]), {filter_dims:Array(UInt8)}, {filter_values:Array(Array(String))})
GROUP BY p, key
ORDER BY p, key

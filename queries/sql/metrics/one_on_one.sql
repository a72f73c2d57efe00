-- 1on1 monthly compliance: the employee-months of each period in which the
-- employee was employed on at least one day and had a manager, and those of
-- them with at least one 1on1 (a qualifying event of the chosen programs,
-- normally kind one_on_one) in the month. Months are calendar months cut to
-- the period. An employee-month counts under the employee's attributes on
-- their last active day of the month. Rows with an empty key are the totals.
--
-- When every period is whole calendar months within the months of
-- employee_months (and {rollups} allows), the employee-months come from it,
-- counted per month and key before they are placed in the periods.
-- Otherwise each span is spread over its months here, and the months with a
-- 1on1 come from program_use_years (whole months) or from the events. All
-- give the same figures, which a test checks.
WITH {rollups:Bool}
    AND arrayAll(d -> toDayOfMonth(d) = 1, {starts:Array(Date32)})
    AND arrayAll(d -> d = toLastDayOfMonth(d), {ends:Array(Date32)}) AS whole_months,
    whole_months
    AND ifNull(arrayMin({starts:Array(Date32)}) >= (SELECT month FROM employee_months ORDER BY month LIMIT 1), false)
    AND ifNull(arrayMax({ends:Array(Date32)}) <= (SELECT toLastDayOfMonth(month) FROM employee_months ORDER BY month DESC LIMIT 1), false) AS from_months
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    sum(n) AS employee_months,
    sum(c) AS compliant_months
FROM
(
    -- employee-months per month and key; month_p is the period of a month
    -- of the spans, 0 for one of employee_months (placed below)
    SELECT month, month_p, {key1:Identifier} AS k1, {key2:Identifier} AS k2, count() AS n, countIf(used) AS c
    FROM
    (
        SELECT
            month, 0 AS month_p,
            hasAny(programs, (
                SELECT groupArray(program_id) FROM program_catalog
                WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))) AS used,
            department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band
        FROM employee_months
        WHERE from_months AND month >= arrayMin({starts:Array(Date32)}) AND month <= arrayMax({ends:Array(Date32)}) AND manager_id != ''
        UNION ALL
        SELECT
            month, p AS month_p,
            if(whole_months, bitTest(used, toMonth(month) - 1), (employee_id, month) IN (
                SELECT DISTINCT employee_id, toStartOfMonth(event_date)
                FROM program_events
                WHERE NOT whole_months AND action != 'rejected'
                  AND event_date >= arrayMin({starts:Array(Date32)}) AND event_date <= arrayMax({ends:Array(Date32)})
                  AND program_id IN (
                      SELECT program_id FROM program_catalog
                      WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
            )) AS used,
            department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band
        FROM
        (
            SELECT *, p
            FROM employee_spans
            ARRAY JOIN arrayEnumerate({starts:Array(Date32)}) AS p
            WHERE NOT from_months
              AND span_to >= arrayMin({starts:Array(Date32)}) AND span_from <= arrayMax({ends:Array(Date32)})
              AND hire_date <= {ends:Array(Date32)}[p] AND last_day >= {starts:Array(Date32)}[p]
              AND span_from <= least({ends:Array(Date32)}[p], last_day) AND span_to >= greatest({starts:Array(Date32)}[p], hire_date)
        )
        -- the months the employee is active in, of this period
        ARRAY JOIN arrayMap(i -> toDate32(addMonths(toStartOfMonth(greatest({starts:Array(Date32)}[p], hire_date)), i)),
            range(toUInt32(age('month', toStartOfMonth(greatest({starts:Array(Date32)}[p], hire_date)),
                toStartOfMonth(least({ends:Array(Date32)}[p], last_day))) + 1))) AS month
        -- the months of each year the employee used the programs, from the
        -- rollup, when every period is whole months (matched by a hash of the
        -- employee id, as in utilization.sql)
        LEFT JOIN
        (
            SELECT cityHash64(employee_id) AS user_key, year, groupBitOr(months) AS used
            FROM program_use_years
            WHERE whole_months AND NOT from_months
              AND year >= toYear(arrayMin({starts:Array(Date32)})) AND year <= toYear(arrayMax({ends:Array(Date32)}))
              AND program_id IN (
                  SELECT program_id FROM program_catalog
                  WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
            GROUP BY user_key, year
        ) AS u ON u.user_key = cityHash64(employee_id) AND u.year = toYear(month)
        WHERE span_from <= least(toLastDayOfMonth(month), {ends:Array(Date32)}[p], last_day)
          AND least(toLastDayOfMonth(month), {ends:Array(Date32)}[p], last_day) <= span_to
          AND manager_id != ''
    )
    WHERE true
      AND {attributes:Filter}
    GROUP BY month, month_p, k1, k2
)
ARRAY JOIN if(month_p = 0,
    arrayFilter(i -> {starts:Array(Date32)}[i] <= month AND month <= {ends:Array(Date32)}[i], arrayEnumerate({starts:Array(Date32)})),
    [month_p]) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

-- Program utilization: of the employees active on at least one day of each
-- period (or, with {whole_period}, on every day of it), those with a
-- qualifying event (any action but 'rejected') of the chosen programs in the
-- period. Programs are chosen by category ({categories}) or by program id or
-- kind ({programs}). An employee is counted under their attributes on their
-- last active day of the period. Rows with an empty key are the totals.
--
-- When every period is a fiscal year that employee_fiscal_years answers
-- (built for the same start month, within its years; and {rollups}
-- allows), the employees and their uses come from it, one row per employee
-- and year. Otherwise, when every period is whole calendar months, the uses
-- come from program_use_years; otherwise from the events themselves. All
-- give the same figures, which a test checks.
WITH {rollups:Bool}
    AND arrayAll(d -> toDayOfMonth(d) = 1, {starts:Array(Date32)})
    AND arrayAll(d -> d = toLastDayOfMonth(d), {ends:Array(Date32)}) AS whole_months,
    (SELECT (fiscal_year_start, first_fiscal_year, last_fiscal_year) FROM employee_fiscal_years LIMIT 1) AS fiscal_table,
    whole_months
    AND arrayAll(i -> toMonth({starts:Array(Date32)}[i]) = fiscal_table.1 AND {ends:Array(Date32)}[i] = addYears({starts:Array(Date32)}[i], 1) - 1
        AND toYear({starts:Array(Date32)}[i]) >= fiscal_table.2 AND toYear({starts:Array(Date32)}[i]) <= fiscal_table.3,
        arrayEnumerate({starts:Array(Date32)})) AS fiscal_years,
    arrayMap(d -> toUInt16(toYear(d)), {starts:Array(Date32)}) AS years
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    count() AS eligible,
    countIf(if(fiscal_years, used, (cityHash64(employee_id), p) IN (
        -- the users of each period: from the rollup when every period is
        -- whole months (bit m-1 of months: a use in month m of year), else
        -- from the events. Employees are matched by a 64-bit hash of their
        -- id, which makes the set about twice as cheap to build as one of
        -- texts; among 100,000 ids, the chance that two share a hash is
        -- below one in a billion.
        SELECT cityHash64(employee_id), arrayJoin(arrayFilter(i ->
            bitAnd(months,
                bitShiftLeft(toUInt16(1), if(toYear({ends:Array(Date32)}[i]) > year, 12, if(toYear({ends:Array(Date32)}[i]) < year, 0, toMonth({ends:Array(Date32)}[i]))))
                - bitShiftLeft(toUInt16(1), if(toYear({starts:Array(Date32)}[i]) < year, 0, if(toYear({starts:Array(Date32)}[i]) > year, 12, toMonth({starts:Array(Date32)}[i]) - 1)))) != 0,
            arrayEnumerate({starts:Array(Date32)}))) AS p
        FROM program_use_years
        WHERE whole_months AND NOT fiscal_years
          AND year >= toYear(arrayMin({starts:Array(Date32)})) AND year <= toYear(arrayMax({ends:Array(Date32)}))
          AND program_id IN (
              SELECT program_id FROM program_catalog
              WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
        UNION ALL
        SELECT cityHash64(employee_id), arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
            arrayEnumerate({starts:Array(Date32)}))) AS p
        FROM program_events
        WHERE NOT whole_months AND action != 'rejected'
          AND event_date >= arrayMin({starts:Array(Date32)}) AND event_date <= arrayMax({ends:Array(Date32)})
          AND program_id IN (
              SELECT program_id FROM program_catalog
              WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
    ))) AS users
FROM
(
    SELECT
        employee_id, p, false AS used,
        {key1:Identifier} AS k1, {key2:Identifier} AS k2
    FROM employee_spans
    -- the periods the employee is active in (every day of, with
    -- {whole_period}) whose last active day falls in this span
    ARRAY JOIN arrayFilter(i -> if({whole_period:Bool},
            hire_date <= {starts:Array(Date32)}[i] AND last_day >= {ends:Array(Date32)}[i],
            hire_date <= {ends:Array(Date32)}[i] AND last_day >= {starts:Array(Date32)}[i])
          AND span_from <= least({ends:Array(Date32)}[i], last_day) AND least({ends:Array(Date32)}[i], last_day) <= span_to,
        arrayEnumerate({starts:Array(Date32)})) AS p
    WHERE NOT fiscal_years AND span_to >= arrayMin({starts:Array(Date32)}) AND span_from <= arrayMax({ends:Array(Date32)})
      AND {attributes:Filter}
    UNION ALL
    -- the employees of each fiscal year (every day of it, with
    -- {whole_period}) and whether they used the programs in it: of the
    -- chosen categories, or the chosen programs when there are any
    SELECT
        employee_id, indexOf(years, fiscal_year) AS p,
        if(empty({programs:Array(String)}),
            has({categories:Array(String)}, 'know') AND know_uses > 0 OR has({categories:Array(String)}, 'challenge') AND challenge_uses > 0
                OR has({categories:Array(String)}, 'learn') AND learn_uses > 0 OR has({categories:Array(String)}, 'manager') AND manager_uses > 0,
            hasAny(programs, (
                SELECT groupArray(program_id) FROM program_catalog
                WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind)))) AS used,
        {key1:Identifier} AS k1, {key2:Identifier} AS k2
    FROM employee_fiscal_years
    WHERE fiscal_years AND has(years, fiscal_year)
      AND if({whole_period:Bool}, whole, active)
      AND {attributes:Filter}
)
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

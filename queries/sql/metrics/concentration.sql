-- Usage concentration: of all qualifying uses (events of any action but
-- 'rejected') of the chosen programs in each period, the share made by the
-- top 20% of their users (the most active fifth, rounded up). A user counts
-- under their attributes on their last active day of the period. Rows with
-- an empty key are the totals.
--
-- When every period is a fiscal year that employee_fiscal_years answers
-- (built for the same start month, within its years; and {rollups}
-- allows), each user's uses of a year come from it, one row per employee
-- and year; otherwise from the events. Both give the same figures, which a
-- test checks.
WITH
    (SELECT (fiscal_year_start, first_fiscal_year, last_fiscal_year) FROM employee_fiscal_years LIMIT 1) AS fiscal_table,
    {rollups:Bool}
    AND arrayAll(i -> toDayOfMonth({starts:Array(Date32)}[i]) = 1 AND toMonth({starts:Array(Date32)}[i]) = fiscal_table.1
        AND {ends:Array(Date32)}[i] = addYears({starts:Array(Date32)}[i], 1) - 1
        AND toYear({starts:Array(Date32)}[i]) >= fiscal_table.2 AND toYear({starts:Array(Date32)}[i]) <= fiscal_table.3,
        arrayEnumerate({starts:Array(Date32)})) AS fiscal_years,
    arrayMap(d -> toUInt16(toYear(d)), {starts:Array(Date32)}) AS years
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    count() AS users,
    sum(uses) AS all_uses,
    arraySum(arraySlice(arrayReverseSort(groupArray(uses)), 1, toUInt64(ceil(count() * 0.2)))) AS top_uses
FROM
(
    SELECT
        ev.p AS p, ev.uses AS uses,
        {key1:Identifier} AS k1, {key2:Identifier} AS k2
    FROM employee_spans AS e
    INNER JOIN
    (
        SELECT employee_id,
            arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS p,
            count() AS uses
        FROM program_events
        WHERE NOT fiscal_years AND action != 'rejected'
          AND event_date >= arrayMin({starts:Array(Date32)}) AND event_date <= arrayMax({ends:Array(Date32)})
          AND program_id IN (
              SELECT program_id FROM program_catalog
              WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
        GROUP BY employee_id, p
    ) AS ev ON ev.employee_id = e.employee_id
    WHERE e.span_to >= arrayMin({starts:Array(Date32)}) AND e.span_from <= arrayMax({ends:Array(Date32)})
      AND e.span_from <= least({ends:Array(Date32)}[p], e.last_day) AND least({ends:Array(Date32)}[p], e.last_day) <= e.span_to
      AND {attributes:Filter}

    UNION ALL
    -- each user's uses of the programs in each fiscal year: of the chosen
    -- categories, or of the chosen programs when there are any
    SELECT p, uses, k1, k2
    FROM
    (
        SELECT
            indexOf(years, fiscal_year) AS p,
            if(empty({programs:Array(String)}),
                if(has({categories:Array(String)}, 'know'), know_uses, 0) + if(has({categories:Array(String)}, 'challenge'), challenge_uses, 0)
                    + if(has({categories:Array(String)}, 'learn'), learn_uses, 0) + if(has({categories:Array(String)}, 'manager'), manager_uses, 0),
                arraySum(arrayMap((program, n) -> if(has((
                    SELECT groupArray(program_id) FROM program_catalog
                    WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind)),
                    program), n, 0), programs, employee_fiscal_years.uses))) AS uses,
            {key1:Identifier} AS k1, {key2:Identifier} AS k2
        FROM employee_fiscal_years
        WHERE fiscal_years AND has(years, fiscal_year) AND uses > 0
          AND {attributes:Filter}
    )
)
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

-- Headcount, hires and terminations of each period, by the dimensions asked
-- for. Periods come as parallel arrays (starts, ends, and the dates whose
-- headcounts average into the period's average headcount); each row of the
-- result is one period (p, 1-based) and one key (the values of the {by}
-- attributes), and one more row per period with an empty key holds the
-- period's total. An employee is counted under their attributes at the date
-- of each fact — a headcount date, the period's start or end, their
-- termination or their hire — read from the span holding that date.
SELECT
    p,
    arraySlice(av, 1, length({by:Array(UInt8)})) AS key,
    countIf(kind = 1) / length({points:Array(Array(Date32))}[p]) AS average_headcount,
    countIf(kind = 2) AS headcount_start,
    countIf(kind = 3) AS headcount_end,
    countIf(kind = 2 AND last_day > {ends:Array(Date32)}[p]) AS retained,
    countIf(kind = 4) AS terminations,
    countIf(kind = 4 AND termination_type = 'voluntary') AS voluntary_terminations,
    countIf(kind = 4 AND regretted) AS regretted_terminations,
    countIf(kind = 5) AS hires,
    countIf(kind = 5 AND last_day < addYears(hire_date, 1)) AS first_year_leavers,
    countIf(kind = 5 AND employment_hire_type = 'new_graduate') AS new_graduate_hires,
    countIf(kind = 5 AND employment_hire_type = 'new_graduate' AND last_day < addYears(hire_date, 3)) AS new_graduate_three_year_leavers
FROM
(
    SELECT
        p, fact.1 AS kind, fact.2 AS d, hire_date, last_day, termination_type, regretted, employment_hire_type,
        arrayMap(i -> multiIf(i = 1, department, i = 2, division, i = 3, grade, i = 4, employment_type, i = 5, manager_id,
            i = 6, hire_type, i = 7, gender, i = 8, job_family, i = 9, is_manager,
            d < hire_date, '', age('month', hire_date, d) < 12, '<1y', age('month', hire_date, d) < 36, '1-3y',
            age('month', hire_date, d) < 60, '3-5y', age('month', hire_date, d) < 120, '5-10y', '10y+'),
            arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
    FROM
    (
        SELECT *, p
        FROM employee_spans
        ARRAY JOIN arrayEnumerate({starts:Array(Date32)}) AS p
        WHERE hire_date <= {ends:Array(Date32)}[p] AND last_day >= {starts:Array(Date32)}[p]
          AND span_from <= {ends:Array(Date32)}[p] AND span_to >= {starts:Array(Date32)}[p]
    )
    ARRAY JOIN arrayFilter(f -> span_from <= f.2 AND f.2 <= span_to, arrayConcat(
        arrayMap(x -> (1, x), arrayFilter(x -> hire_date <= x AND x <= last_day, {points:Array(Array(Date32))}[p])),
        if(hire_date <= {starts:Array(Date32)}[p] AND {starts:Array(Date32)}[p] <= last_day, [(2, {starts:Array(Date32)}[p])], []),
        if(hire_date <= {ends:Array(Date32)}[p] AND {ends:Array(Date32)}[p] <= last_day, [(3, {ends:Array(Date32)}[p])], []),
        if({starts:Array(Date32)}[p] <= last_day AND last_day <= {ends:Array(Date32)}[p], [(4, last_day)], []),
        if({starts:Array(Date32)}[p] <= hire_date AND hire_date <= {ends:Array(Date32)}[p], [(5, hire_date)], [])
    )) AS fact
)
WHERE arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key), (p))
ORDER BY p, key

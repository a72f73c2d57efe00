-- Headcount, hires and terminations of each period, by the dimensions asked
-- for. Periods come as parallel arrays (starts, ends, and the dates whose
-- headcounts average into the period's average headcount); each row of the
-- result is one period (p, 1-based) and one key (the values of the
-- attributes {key1} and {key2} names, the first {keys} of them; an unused
-- one is the constant '' in the statement, metrics.bound), and one more row
-- per period with an empty key holds the period's total. {attributes:Filter}
-- keeps the rows whose attributes the request's filters allow: metrics.bound
-- writes in its place a has({<attribute>_in}, <attribute>) for each
-- attribute filtered, true when none is. Every metric SQL file cuts and
-- filters so (metrics.cutParams). An employee is counted under their
-- attributes at the date of each fact — a headcount date, the period's
-- start or end, their termination or their hire. A span's attributes
-- (tenure band included) hold over all its days, so each span counts the
-- facts whose dates fall in it and in the employment: the spans of an
-- employee do not overlap, and every date is in one of them.
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    sum(points) / length({points:Array(Array(Date32))}[p]) AS average_headcount,
    countIf(at_start) AS headcount_start,
    countIf(at_end) AS headcount_end,
    countIf(at_start AND last_day > {ends:Array(Date32)}[p]) AS retained,
    countIf(left_here) AS terminations,
    countIf(left_here AND termination_type = 'voluntary') AS voluntary_terminations,
    countIf(left_here AND regretted) AS regretted_terminations,
    countIf(hired_here) AS hires,
    -- the other denominators of turnover (metrics.TurnoverFormula), each
    -- employee once: one hired on the first day is in the start's
    -- headcount, one who leaves on the last in the end's
    countIf(at_start OR hired_here) AS start_and_hires,
    countIf(left_here OR at_end) AS leavers_and_end,
    countIf(hired_here AND last_day < addYears(hire_date, 1)) AS first_year_leavers,
    countIf(hired_here AND employment_hire_type = 'new_graduate') AS new_graduate_hires,
    countIf(hired_here AND employment_hire_type = 'new_graduate' AND last_day < addYears(hire_date, 3)) AS new_graduate_three_year_leavers
FROM
(
    SELECT
        p, hire_date, last_day, termination_type, regretted, employment_hire_type,
        -- the days of this span the employee is employed
        greatest(span_from, hire_date) AS lo,
        least(span_to, last_day) AS hi,
        arrayCount(x -> lo <= x AND x <= hi, {points:Array(Array(Date32))}[p]) AS points,
        lo <= {starts:Array(Date32)}[p] AND {starts:Array(Date32)}[p] <= hi AS at_start,
        lo <= {ends:Array(Date32)}[p] AND {ends:Array(Date32)}[p] <= hi AS at_end,
        {starts:Array(Date32)}[p] <= last_day AND last_day <= {ends:Array(Date32)}[p] AND span_from <= last_day AND last_day <= span_to AS left_here,
        {starts:Array(Date32)}[p] <= hire_date AND hire_date <= {ends:Array(Date32)}[p] AND span_from <= hire_date AND hire_date <= span_to AS hired_here,
        {key1:Identifier} AS k1, {key2:Identifier} AS k2
    FROM employee_spans
    ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= least(span_to, last_day) AND greatest(span_from, hire_date) <= {ends:Array(Date32)}[i],
        arrayEnumerate({starts:Array(Date32)})) AS p
    WHERE span_to >= arrayMin({starts:Array(Date32)}) AND span_from <= arrayMax({ends:Array(Date32)})
      AND greatest(span_from, hire_date) <= least(span_to, last_day)
      AND {attributes:Filter}
)
WHERE points > 0 OR at_start OR at_end OR left_here OR hired_here
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

-- Headcount, hires and terminations of each period, by the dimensions asked
-- for. Periods come as parallel arrays (starts, ends, and the dates whose
-- headcounts average into the period's average headcount); each row of the
-- result is one period (p, 1-based) and one key (the values of the {by}
-- attributes), and one more row per period with an empty key holds the
-- period's total. An employee is counted under their attributes at the date
-- of each fact — a headcount date, the period's start or end, their
-- termination or their hire. A span's attributes (tenure band included)
-- hold over all its days, so each span counts the facts whose dates fall in
-- it and in the employment: the spans of an employee do not overlap, and
-- every date is in one of them.
SELECT
    p,
    arraySlice(av, 1, length({by:Array(UInt8)})) AS key,
    sum(points) / length({points:Array(Array(Date32))}[p]) AS average_headcount,
    countIf(at_start) AS headcount_start,
    countIf(at_end) AS headcount_end,
    countIf(at_start AND last_day > {ends:Array(Date32)}[p]) AS retained,
    countIf(left_here) AS terminations,
    countIf(left_here AND termination_type = 'voluntary') AS voluntary_terminations,
    countIf(left_here AND regretted) AS regretted_terminations,
    countIf(hired_here) AS hires,
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
        arrayMap(i -> multiIf(i = 1, department, i = 2, division, i = 3, grade, i = 4, employment_type, i = 5, manager_id,
            i = 6, hire_type, i = 7, gender, i = 8, job_family, i = 9, is_manager, i = 10, tenure_band, ''),
            arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
    FROM employee_spans
    ARRAY JOIN arrayEnumerate({starts:Array(Date32)}) AS p
    WHERE span_to >= arrayMin({starts:Array(Date32)}) AND span_from <= arrayMax({ends:Array(Date32)})
      AND hire_date <= {ends:Array(Date32)}[p] AND last_day >= {starts:Array(Date32)}[p]
      AND span_from <= {ends:Array(Date32)}[p] AND span_to >= {starts:Array(Date32)}[p]
      AND greatest(span_from, hire_date) <= least(span_to, last_day)
)
WHERE (points > 0 OR at_start OR at_end OR left_here OR hired_here)
  AND arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key), (p))
ORDER BY p, key

-- Headcount, hires and terminations of fiscal years, straight from
-- workforce_fiscal_years: what workforce.sql computes when every period is
-- a fiscal year the table answers (metrics.plan chooses this file only
-- then, and a test requires the same figures from both). {years} are the
-- periods' fiscal years; a fiscal year has thirteen headcount dates.
SELECT
    toUInt64(indexOf({years:Array(UInt16)}, fiscal_year)) AS p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    sum(points) / 13 AS average_headcount,
    countIf(at_start) AS headcount_start,
    countIf(at_end) AS headcount_end,
    countIf(retained) AS retained,
    countIf(left_here) AS terminations,
    countIf(left_voluntarily) AS voluntary_terminations,
    countIf(left_regretted) AS regretted_terminations,
    countIf(hired_here) AS hires,
    -- the other denominators of turnover (metrics.TurnoverFormula), each
    -- employee once: one hired on the first day is in the start's
    -- headcount, one who leaves on the last in the end's
    countIf(at_start OR hired_here) AS start_and_hires,
    countIf(left_here OR at_end) AS leavers_and_end,
    countIf(first_year_leaver) AS first_year_leavers,
    countIf(new_graduate_hire) AS new_graduate_hires,
    countIf(new_graduate_three_year_leaver) AS new_graduate_three_year_leavers
FROM
(
    SELECT *, {key1:Identifier} AS k1, {key2:Identifier} AS k2
    FROM workforce_fiscal_years
    WHERE has({years:Array(UInt16)}, fiscal_year)
      AND {attributes:Filter}
)
GROUP BY GROUPING SETS ((fiscal_year, k1, k2), (fiscal_year))
ORDER BY p, key

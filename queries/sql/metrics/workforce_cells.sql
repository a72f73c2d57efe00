-- Headcount, hires and terminations of fiscal years from workforce_cells:
-- what workforce_fy.sql computes from workforce_fiscal_years when the
-- figures are neither cut nor filtered by manager (metrics.plan chooses
-- this file only then, and a test requires the same figures as the raw
-- SQL's), from a cell per fiscal year and set of attributes rather than a
-- row per employee-year. {years} are the periods' fiscal years; a fiscal
-- year has thirteen headcount dates.
SELECT
    toUInt64(indexOf({years:Array(UInt16)}, fiscal_year)) AS p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    sum(c.points) / 13 AS average_headcount,
    sum(c.at_start) AS headcount_start,
    sum(c.at_end) AS headcount_end,
    sum(c.retained) AS retained,
    sum(c.left_here) AS terminations,
    sum(c.left_voluntarily) AS voluntary_terminations,
    sum(c.left_regretted) AS regretted_terminations,
    sum(c.hired_here) AS hires,
    sum(c.start_and_hires) AS start_and_hires,
    sum(c.leavers_and_end) AS leavers_and_end,
    sum(c.first_year_leavers) AS first_year_leavers,
    sum(c.new_graduate_hires) AS new_graduate_hires,
    sum(c.new_graduate_three_year_leavers) AS new_graduate_three_year_leavers
FROM
(
    SELECT *, {key1:Identifier} AS k1, {key2:Identifier} AS k2
    FROM workforce_cells
    WHERE has({years:Array(UInt16)}, fiscal_year)
      AND {attributes:Filter}
) AS c
GROUP BY GROUPING SETS ((fiscal_year, k1, k2), (fiscal_year))
ORDER BY p, key

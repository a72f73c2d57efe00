-- Drivers of engagement from driver_cells: the correlation states of each
-- close date, item and set of attributes merged into the periods and
-- groups asked for. What drivers.sql computes when its branch over
-- survey_respondents applies and the figures are neither cut nor filtered
-- by manager (metrics.plan chooses this file only then, and a test requires
-- the same figures from both, to 1e-12).
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    corrMerge(r) AS r,
    sum(respondents) AS respondents
FROM
(
    -- merged to one state per close date and group first: the periods
    -- below copy each row once per period it falls in, and a state is
    -- costly to copy
    SELECT closes_on, {key1:Identifier} AS k1, {key2:Identifier} AS k2, corrMergeState(r) AS r, sum(respondents) AS respondents
    FROM driver_cells
    WHERE closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
      AND {attributes:Filter}
      AND (empty({theme_in:Array(String)}) OR has({theme_in:Array(String)}, theme))
      AND (empty({item_in:Array(String)}) OR has({item_in:Array(String)}, item))
    GROUP BY closes_on, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
    arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

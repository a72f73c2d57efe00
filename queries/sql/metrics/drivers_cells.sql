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
      AND (empty({department_in:Array(String)}) OR has({department_in:Array(String)}, department))
      AND (empty({division_in:Array(String)}) OR has({division_in:Array(String)}, division))
      AND (empty({grade_in:Array(String)}) OR has({grade_in:Array(String)}, grade))
      AND (empty({employment_type_in:Array(String)}) OR has({employment_type_in:Array(String)}, employment_type))
      AND (empty({hire_type_in:Array(String)}) OR has({hire_type_in:Array(String)}, hire_type))
      AND (empty({gender_in:Array(String)}) OR has({gender_in:Array(String)}, gender))
      AND (empty({job_family_in:Array(String)}) OR has({job_family_in:Array(String)}, job_family))
      AND (empty({is_manager_in:Array(String)}) OR has({is_manager_in:Array(String)}, is_manager))
      AND (empty({tenure_band_in:Array(String)}) OR has({tenure_band_in:Array(String)}, tenure_band))
      AND (empty({theme_in:Array(String)}) OR has({theme_in:Array(String)}, theme))
      AND (empty({item_in:Array(String)}) OR has({item_in:Array(String)}, item))
    GROUP BY closes_on, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
    arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

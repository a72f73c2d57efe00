-- Program utilization of fiscal years, straight from employee_fiscal_years:
-- what utilization.sql computes when every period is a fiscal year that the
-- table answers (metrics.plan chooses this file only then, and a test
-- requires the same figures from both). {years} are the periods' fiscal
-- years; the programs are chosen by category ({categories}, from the
-- per-category counts) or, with {program_ids}, by id.
SELECT
    toUInt64(indexOf({years:Array(UInt16)}, fiscal_year)) AS p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    count() AS eligible,
    countIf(used) AS users
FROM
(
    SELECT
        fiscal_year,
        if(empty({program_ids:Array(String)}),
            has({categories:Array(String)}, 'know') AND know_uses > 0 OR has({categories:Array(String)}, 'challenge') AND challenge_uses > 0
                OR has({categories:Array(String)}, 'learn') AND learn_uses > 0 OR has({categories:Array(String)}, 'manager') AND manager_uses > 0,
            hasAny(programs, {program_ids:Array(String)})) AS used,
        {key1:Identifier} AS k1, {key2:Identifier} AS k2
    FROM employee_fiscal_years
    WHERE has({years:Array(UInt16)}, fiscal_year)
      AND if({whole_period:Bool}, whole, active)
      AND {attributes:Filter}
)
GROUP BY GROUPING SETS ((fiscal_year, k1, k2), (fiscal_year))
ORDER BY p, key

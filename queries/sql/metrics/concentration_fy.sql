-- Usage concentration of fiscal years straight from employee_fiscal_years:
-- what concentration.sql computes when every period is a fiscal year the
-- table answers (metrics.plan chooses this file only then, and a test
-- requires the same figures from both). {years} are the periods' fiscal
-- years; the programs are chosen by category ({categories}, from the
-- per-category counts) or, with {program_ids}, by id.
SELECT
    toUInt64(indexOf({years:Array(UInt16)}, fiscal_year)) AS p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    count() AS users,
    sum(n) AS all_uses,
    arraySum(arraySlice(arrayReverseSort(groupArray(n)), 1, toUInt64(ceil(count() * 0.2)))) AS top_uses
FROM
(
    SELECT
        fiscal_year,
        if(empty({program_ids:Array(String)}),
            if(has({categories:Array(String)}, 'know'), know_uses, 0) + if(has({categories:Array(String)}, 'challenge'), challenge_uses, 0)
                + if(has({categories:Array(String)}, 'learn'), learn_uses, 0) + if(has({categories:Array(String)}, 'manager'), manager_uses, 0),
            arraySum(arrayMap((program, u) -> if(has({program_ids:Array(String)}, program), u, 0), programs, uses))) AS n,
        {key1:Identifier} AS k1, {key2:Identifier} AS k2
    FROM employee_fiscal_years
    WHERE has({years:Array(UInt16)}, fiscal_year) AND n > 0
      AND {attributes:Filter}
)
GROUP BY GROUPING SETS ((fiscal_year, k1, k2), (fiscal_year))
ORDER BY p, key

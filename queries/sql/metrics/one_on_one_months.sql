-- 1on1 monthly compliance straight from employee_months: what
-- one_on_one.sql computes for the programs of kind one_on_one when every
-- period is whole calendar months within the table's months (metrics.plan
-- chooses this file only then, and a test requires the same figures from
-- both), from the table's flags rather than its managers and programs.
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    sum(n) AS employee_months,
    sum(c) AS compliant_months
FROM
(
    SELECT month, {key1:Identifier} AS k1, {key2:Identifier} AS k2, count() AS n, countIf(had_one_on_one) AS c
    FROM employee_months
    WHERE month >= arrayMin({starts:Array(Date32)}) AND month <= arrayMax({ends:Array(Date32)}) AND has_manager
      AND {attributes:Filter}
    GROUP BY month, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= month AND month <= {ends:Array(Date32)}[i], arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

-- 1on1 monthly compliance from one_on_one_cells: what one_on_one_months.sql
-- computes from employee_months when the figures are neither cut nor
-- filtered by manager (metrics.plan chooses this file only then, and a test
-- requires the same figures as the raw SQL's), from a cell per month and
-- set of attributes rather than a row per employee-month.
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    sum(n) AS employee_months,
    sum(c) AS compliant_months
FROM
(
    SELECT month, {key1:Identifier} AS k1, {key2:Identifier} AS k2, sum(employee_months) AS n, sum(compliant_months) AS c
    FROM one_on_one_cells
    WHERE month >= arrayMin({starts:Array(Date32)}) AND month <= arrayMax({ends:Array(Date32)})
      AND {attributes:Filter}
    GROUP BY month, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= month AND month <= {ends:Array(Date32)}[i], arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

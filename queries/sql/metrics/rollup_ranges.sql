-- The fiscal years each fiscal-year rollup answers and the month they start
-- in (no row for a table before any data): metrics.plan reads a rollup
-- directly for those years (metrics/fast.go).
SELECT * FROM
(
    SELECT 'employee_fiscal_years' AS table, fiscal_year_start, first_fiscal_year, last_fiscal_year
    FROM employee_fiscal_years
    LIMIT 1
)
UNION ALL
SELECT * FROM
(
    SELECT 'workforce_fiscal_years' AS table, fiscal_year_start, first_fiscal_year, last_fiscal_year
    FROM workforce_fiscal_years
    LIMIT 1
)

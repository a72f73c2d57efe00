-- The fiscal years employee_fiscal_years answers and the month they start
-- in (no row before any data): metrics.plan reads the rollup directly for
-- those years (metrics/fast.go).
SELECT fiscal_year_start, first_fiscal_year, last_fiscal_year
FROM employee_fiscal_years
LIMIT 1

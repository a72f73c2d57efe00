-- The cells of 1on1 compliance, the rows of the derived table
-- one_on_one_cells: for each month and set of attributes (all but the
-- manager) the employee-months with a manager and those among them with a
-- 1on1 (employee_months' flags). Compliance not cut or filtered by manager
-- is summed from these (metrics/one_on_one_cells.sql): some 1.4 million
-- cells instead of 8 million employee-months on the large demo.
CREATE VIEW IF NOT EXISTS one_on_one_cell_source AS
SELECT
    month, department, division, grade, employment_type, hire_type, gender, job_family, is_manager, tenure_band,
    count() AS employee_months,
    countIf(had_one_on_one) AS compliant_months
FROM employee_months
WHERE has_manager
GROUP BY month, department, division, grade, employment_type, hire_type, gender, job_family, is_manager, tenure_band

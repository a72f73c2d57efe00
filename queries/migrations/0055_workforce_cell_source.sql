-- The cells of workforce_fiscal_years, the rows of the derived table
-- workforce_cells: for each fiscal year and set of attributes (all but the
-- manager), the sums of its rows' counts. Headcount, attrition and the
-- per-head denominators of fiscal years not cut or filtered by manager are
-- summed from these (metrics/workforce_cells.sql): some 130,000 cells
-- instead of 940,000 employee-years on the large demo. (w. keeps a
-- column apart from the sum named after it.)
CREATE VIEW IF NOT EXISTS workforce_cell_source AS
SELECT
    fiscal_year, fiscal_year_start, first_fiscal_year, last_fiscal_year,
    department, division, grade, employment_type, hire_type, gender, job_family, is_manager, tenure_band,
    sum(w.points) AS points,
    sum(w.at_start) AS at_start,
    sum(w.at_end) AS at_end,
    sum(w.retained) AS retained,
    sum(w.left_here) AS left_here,
    sum(w.left_voluntarily) AS left_voluntarily,
    sum(w.left_regretted) AS left_regretted,
    sum(w.hired_here) AS hired_here,
    sum(w.at_start OR w.hired_here) AS start_and_hires,
    sum(w.left_here OR w.at_end) AS leavers_and_end,
    sum(w.first_year_leaver) AS first_year_leavers,
    sum(w.new_graduate_hire) AS new_graduate_hires,
    sum(w.new_graduate_three_year_leaver) AS new_graduate_three_year_leavers
FROM workforce_fiscal_years AS w
GROUP BY fiscal_year, fiscal_year_start, first_fiscal_year, last_fiscal_year,
    department, division, grade, employment_type, hire_type, gender, job_family, is_manager, tenure_band

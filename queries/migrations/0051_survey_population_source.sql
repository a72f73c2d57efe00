-- Each survey's population, the rows of the derived table
-- survey_populations: a row per survey and employee employed on its close
-- date, with the attributes of the span holding that date — the headcount
-- a response rate is counted against (metrics/response_rate.sql).
CREATE VIEW IF NOT EXISTS survey_population_source AS
SELECT
    s.survey_id AS survey_id,
    s.closes_on AS closes_on,
    e.employee_id AS employee_id,
    department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band
FROM employee_spans AS e
CROSS JOIN (SELECT survey_id, closes_on FROM surveys) AS s
WHERE e.hire_date <= s.closes_on AND e.last_day >= s.closes_on AND e.span_from <= s.closes_on AND s.closes_on <= e.span_to

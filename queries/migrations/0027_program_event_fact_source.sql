-- Every program event of an employee in the HR master with the attributes
-- the employee has on its date (the span holding it), the rows of the
-- derived table program_event_facts. Events of employees missing from the
-- master are left out, as metrics/events.sql leaves them out.
CREATE VIEW IF NOT EXISTS program_event_fact_source AS
SELECT
    ev.program_id AS program_id,
    ev.event_date AS event_date,
    ev.action AS action,
    ev.employee_id AS employee_id,
    ev.hours AS hours,
    ev.cost_jpy AS cost_jpy,
    e.department AS department, e.division AS division, e.grade AS grade, e.employment_type AS employment_type,
    e.manager_id AS manager_id, e.hire_type AS hire_type, e.gender AS gender, e.job_family AS job_family,
    e.is_manager AS is_manager, e.tenure_band AS tenure_band
FROM program_events AS ev
-- spans tile each employee's calendar: the one starting last on or before
-- the date holds it
ASOF INNER JOIN employee_spans AS e ON e.employee_id = ev.employee_id AND e.span_from <= ev.event_date

-- Each employee's history as spans, the rows of the derived table
-- employee_spans: one per snapshot of the employee, holding its attributes
-- from its as_of date to the day before the next snapshot's. The first span
-- reaches back to 1900-01-01 and the last forward to 2299-12-31, so an
-- attribute at any date D is the one of the span with span_from ≤ D ≤
-- span_to (SPEC: the latest snapshot on or before D; before the earliest,
-- the earliest). Every span carries the employment fields of the latest
-- snapshot (hire_date, last_day, …; employment_hire_type is that snapshot's
-- hire type, hire_type the span's).
CREATE VIEW IF NOT EXISTS employee_span_source AS
SELECT
    employee_id,
    if(i = 1, toDate32('1900-01-01'), as_ofs[i]) AS span_from,
    if(i = length(as_ofs), toDate32('2299-12-31'), as_ofs[i + 1] - 1) AS span_to,
    hire_date,
    termination_date,
    last_day,
    termination_type,
    regretted,
    hire_type AS employment_hire_type,
    attributes[i][1] AS department,
    attributes[i][2] AS division,
    attributes[i][3] AS grade,
    attributes[i][4] AS employment_type,
    attributes[i][5] AS manager_id,
    attributes[i][6] AS hire_type,
    attributes[i][7] AS gender,
    attributes[i][8] AS job_family,
    attributes[i][9] AS is_manager
FROM employee_history
ARRAY JOIN arrayEnumerate(as_ofs) AS i

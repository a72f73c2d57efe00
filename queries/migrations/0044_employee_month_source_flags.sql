-- employee_month_source with two flags at the end, which 1on1 compliance
-- counts instead of reading the manager and the programs of every
-- employee-month (metrics/one_on_one_months.sql): whether the employee has
-- a manager, and whether they had a qualifying event of a program of kind
-- one_on_one in the month. Otherwise as in 0029.
CREATE OR REPLACE VIEW employee_month_source AS
WITH
    -- (scalars are Nullable: assumeNotNull keeps the months' type Date32)
    assumeNotNull((SELECT toStartOfMonth(least(
        ifNull((SELECT minOrNull(as_of) FROM employee_snapshots), toDate32('2299-12-31')),
        ifNull((SELECT minOrNull(event_date) FROM program_events), toDate32('2299-12-31')))))) AS first_month,
    assumeNotNull((SELECT toStartOfMonth(addMonths(greatest(
        ifNull((SELECT maxOrNull(as_of) FROM employee_snapshots), toDate32('1900-01-01')),
        ifNull((SELECT maxOrNull(event_date) FROM program_events), toDate32('1900-01-01')),
        toDate32(today())), 12)))) AS last_month
SELECT
    m.month AS month,
    m.employee_id AS employee_id,
    department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band,
    arrayMap(x -> x.1, arrayFilter(x -> bitTest(x.2, toMonth(m.month) - 1), u.uses)) AS programs,
    manager_id != '' AS has_manager,
    hasAny(programs, (SELECT groupArray(program_id) FROM program_catalog WHERE kind = 'one_on_one')) AS had_one_on_one
FROM
(
    SELECT
        toDate32(addMonths(toStartOfMonth(greatest(span_from, hire_date, first_month)), i)) AS month,
        employee_id, department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band
    FROM employee_spans
    ARRAY JOIN range(toUInt32(age('month', toStartOfMonth(greatest(span_from, hire_date, first_month)),
        toStartOfMonth(least(span_to, last_day, last_month))) + 1)) AS i
    WHERE greatest(span_from, hire_date, first_month) <= least(span_to, last_day, last_month)
      -- the month's last employed day falls in this span
      AND span_from <= least(toLastDayOfMonth(month), last_day) AND least(toLastDayOfMonth(month), last_day) <= span_to
) AS m
LEFT JOIN
(
    -- each employee's programs of a year with the months they used them in
    SELECT cityHash64(employee_id) AS employee, year, groupArray((program_id, months)) AS uses
    FROM program_use_years
    GROUP BY employee, year
) AS u ON u.employee = cityHash64(m.employee_id) AND u.year = toYear(m.month)

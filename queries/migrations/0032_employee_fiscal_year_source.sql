-- Each employee's fiscal years, the rows of the derived table
-- employee_fiscal_years: a row per employee of the HR master and fiscal
-- year in which the employee is employed on at least one day or has a
-- qualifying event (any action but 'rejected'), with the attributes of the
-- span holding the employee's last employed day of the year (least(the
-- year's last day, last_day), which may fall before the year for someone
-- with events after their employment), whether they are employed on at
-- least one day of it (active) and on every day (whole), the programs they
-- used in it with their number of qualifying events, and those numbers
-- summed by the programs' categories (know_uses, …: a request by category
-- adds columns instead of matching arrays). Fiscal years
-- start in the month derived_settings holds as fiscal_year_start (April
-- unless set): fiscal year N runs from its first day in year N. The years
-- run from the one holding the data's first snapshot or event to the one
-- holding the day twelve months after the latest of its snapshots, its
-- events and the day of the build; every row carries the start month and
-- that range, so that a reader can tell which fiscal years the table
-- answers.
CREATE VIEW IF NOT EXISTS employee_fiscal_year_source AS
WITH
    toUInt8(ifNull((SELECT argMaxOrNull(value, set_at) FROM derived_settings WHERE name = 'fiscal_year_start'), '4')) AS start_month,
    -- (scalars are Nullable: assumeNotNull keeps the years' type)
    assumeNotNull((SELECT least(
        ifNull((SELECT minOrNull(as_of) FROM employee_snapshots), toDate32('2299-12-31')),
        ifNull((SELECT minOrNull(event_date) FROM program_events), toDate32('2299-12-31'))))) AS first_day,
    assumeNotNull((SELECT addMonths(greatest(
        ifNull((SELECT maxOrNull(as_of) FROM employee_snapshots), toDate32('1900-01-01')),
        ifNull((SELECT maxOrNull(event_date) FROM program_events), toDate32('1900-01-01')),
        toDate32(today())), 12))) AS last_day_of_data,
    toUInt16(toYear(first_day) - (toMonth(first_day) < start_month)) AS first_fiscal_year,
    toUInt16(toYear(last_day_of_data) - (toMonth(last_day_of_data) < start_month)) AS last_fiscal_year
SELECT
    y.employee_id AS employee_id,
    y.fiscal_year AS fiscal_year,
    start_month AS fiscal_year_start,
    first_fiscal_year,
    last_fiscal_year,
    y.active AS active,
    y.whole AS whole,
    department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band,
    u.programs AS programs,
    u.uses AS uses,
    u.know_uses AS know_uses,
    u.challenge_uses AS challenge_uses,
    u.learn_uses AS learn_uses,
    u.manager_uses AS manager_uses
FROM
(
    SELECT
        employee_id, toUInt16(fy) AS fiscal_year,
        makeDate32(fy, start_month, 1) AS year_from,
        addYears(year_from, 1) - 1 AS year_to,
        hire_date <= year_to AND last_day >= year_from AS active,
        hire_date <= year_from AND last_day >= year_to AS whole,
        department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band
    FROM employee_spans
    ARRAY JOIN range(toUInt32(first_fiscal_year), toUInt32(last_fiscal_year) + 1) AS fy
    -- the span holding the employee's last employed day of the year
    WHERE span_from <= least(year_to, last_day) AND least(year_to, last_day) <= span_to
) AS y
LEFT JOIN
(
    SELECT employee_id, fiscal_year, groupArray(ev.program_id) AS programs, groupArray(n) AS uses,
        toUInt32(sumIf(n, c.category = 'know')) AS know_uses, toUInt32(sumIf(n, c.category = 'challenge')) AS challenge_uses,
        toUInt32(sumIf(n, c.category = 'learn')) AS learn_uses, toUInt32(sumIf(n, c.category = 'manager')) AS manager_uses
    FROM
    (
        SELECT employee_id, program_id, toUInt16(toYear(event_date) - (toMonth(event_date) < start_month)) AS fiscal_year, toUInt32(count()) AS n
        FROM program_events
        WHERE action != 'rejected'
        GROUP BY employee_id, program_id, fiscal_year
    ) AS ev
    LEFT JOIN program_catalog AS c ON c.program_id = ev.program_id
    GROUP BY employee_id, fiscal_year
) AS u ON u.employee_id = y.employee_id AND u.fiscal_year = y.fiscal_year
WHERE y.active OR notEmpty(u.programs)

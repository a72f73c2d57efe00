-- The workforce facts of each fiscal year, the rows of the derived table
-- workforce_fiscal_years: a row per employee span and fiscal year it holds
-- a fact of, as metrics/workforce.sql counts them for a fiscal year — how
-- many of the year's thirteen headcount dates (its first day and the last
-- day of each of its months) fall in the span's employed days, whether the
-- employee is counted at the year's start or end, retained, and whether the
-- span holds their termination or their hire in the year — with the span's
-- attributes. Fiscal years and their range are those of
-- employee_fiscal_year_source (the start month in derived_settings, the
-- years from the data's first snapshot or event to twelve months after the
-- latest), and every row carries them.
CREATE VIEW IF NOT EXISTS workforce_fiscal_year_source AS
WITH
    toUInt8(ifNull((SELECT argMaxOrNull(value, set_at) FROM derived_settings WHERE name = 'fiscal_year_start'), '4')) AS start_month,
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
    toUInt16(fy) AS fiscal_year,
    start_month AS fiscal_year_start,
    first_fiscal_year,
    last_fiscal_year,
    toUInt8(arrayCount(x -> lo <= x AND x <= hi,
        arrayConcat([year_from], arrayMap(i -> toLastDayOfMonth(addMonths(year_from, i)), range(12))))) AS points,
    lo <= year_from AND year_from <= hi AS at_start,
    lo <= year_to AND year_to <= hi AS at_end,
    at_start AND last_day > year_to AS retained,
    year_from <= last_day AND last_day <= year_to AND span_from <= last_day AND last_day <= span_to AS left_here,
    left_here AND termination_type = 'voluntary' AS left_voluntarily,
    left_here AND regretted AS left_regretted,
    year_from <= hire_date AND hire_date <= year_to AND span_from <= hire_date AND hire_date <= span_to AS hired_here,
    hired_here AND last_day < addYears(hire_date, 1) AS first_year_leaver,
    hired_here AND employment_hire_type = 'new_graduate' AS new_graduate_hire,
    new_graduate_hire AND last_day < addYears(hire_date, 3) AS new_graduate_three_year_leaver,
    department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band
FROM
(
    SELECT *, fy,
        makeDate32(fy, start_month, 1) AS year_from,
        addYears(year_from, 1) - 1 AS year_to,
        greatest(span_from, hire_date) AS lo,
        least(span_to, last_day) AS hi
    FROM employee_spans
    ARRAY JOIN range(toUInt32(first_fiscal_year), toUInt32(last_fiscal_year) + 1) AS fy
    WHERE greatest(span_from, hire_date) <= least(span_to, last_day)
)
WHERE year_from <= hi AND lo <= year_to
  AND (points > 0 OR at_start OR at_end OR left_here OR hired_here)

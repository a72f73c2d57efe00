-- New-graduate cohorts: one row per cohort c (1-based), the new graduates
-- hired from {starts}[c] to {ends}[c] (a fiscal year each). A new graduate
-- is an employee whose hire type is 'new_graduate' in the latest snapshot
-- that lists them (employment_hire_type, as workforce.sql counts
-- new_graduate_hires). Each is placed, and filtered by {attributes:Filter},
-- under their attributes at the hire date: the one span that holds it
-- (before the earliest snapshot, the earliest one's attributes).
--
-- Year k of an employee runs from the (k-1)th anniversary of their hire
-- date to the day before the kth (addYears, as workforce.sql's three-year
-- leavers); the last day employed (last_day) falling in it makes them a
-- year-k leaver. The data end is the latest snapshot date (latest; NULL
-- without snapshots), the last day the data vouch for: a last day after it
-- is not counted yet. year<k>_end is the last day of year k for the
-- cohort's last-hired member — the year is complete for every member once
-- the data reach it — or, for a cohort without members, for someone hired
-- on the last day of the fiscal year.
WITH
    (SELECT maxOrNull(as_of) FROM employee_snapshots) AS latest,
    ifNull(latest, toDate32('1900-01-01')) AS data_end
SELECT
    toUInt32(cohort.c) AS c,
    latest,
    m.hires AS hires,
    m.year1_leavers AS year1_leavers,
    m.year2_leavers AS year2_leavers,
    m.year3_leavers AS year3_leavers,
    if(m.hires = 0, {ends:Array(Date32)}[cohort.c], m.last_hire) AS cohort_last_hire,
    addYears(cohort_last_hire, 1) - 1 AS year1_end,
    addYears(cohort_last_hire, 2) - 1 AS year2_end,
    addYears(cohort_last_hire, 3) - 1 AS year3_end
FROM
(
    SELECT toUInt32(arrayJoin(arrayEnumerate({starts:Array(Date32)}))) AS c
) AS cohort
LEFT JOIN
(
    SELECT
        c,
        count() AS hires,
        countIf(last_day < addYears(hire_date, 1) AND last_day <= data_end) AS year1_leavers,
        countIf(last_day >= addYears(hire_date, 1) AND last_day < addYears(hire_date, 2) AND last_day <= data_end) AS year2_leavers,
        countIf(last_day >= addYears(hire_date, 2) AND last_day < addYears(hire_date, 3) AND last_day <= data_end) AS year3_leavers,
        max(hire_date) AS last_hire
    FROM
    (
        SELECT
            hire_date, last_day,
            toUInt32(arrayFirstIndex(i -> {starts:Array(Date32)}[i] <= hire_date AND hire_date <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS c
        FROM employee_spans
        WHERE employment_hire_type = 'new_graduate'
          AND span_from <= hire_date AND hire_date <= span_to
          AND hire_date >= arrayMin({starts:Array(Date32)}) AND hire_date <= arrayMax({ends:Array(Date32)})
          AND {attributes:Filter}
    )
    WHERE c > 0
    GROUP BY c
) AS m ON m.c = cohort.c
ORDER BY c

-- Each employee's history as spans, the rows of the derived table
-- employee_spans: one per stretch of days over which none of the
-- employee's attributes changes. A snapshot's attributes hold from its
-- as_of date to the day before the next snapshot's; the first snapshot's
-- reach back to 1900-01-01 and the last one's forward to 2299-12-31, so the
-- attribute at any date D is the one of the span with span_from ≤ D ≤
-- span_to (SPEC: the latest snapshot on or before D; before the earliest,
-- the earliest). Spans are cut again where the tenure band changes — at the
-- hire date and the 1st, 3rd, 5th and 10th anniversaries, the first day
-- age('month', hire_date, D) reaches 12, 36, 60, 120 — so tenure_band is a
-- column too ('' before the hire date). Every span carries the employment
-- fields of the latest snapshot (hire_date, last_day, …;
-- employment_hire_type is that snapshot's hire type, hire_type the span's).
CREATE VIEW IF NOT EXISTS employee_span_source AS
SELECT
    employee_id,
    piece.1 AS span_from,
    piece.2 AS span_to,
    hire_date,
    termination_date,
    last_day,
    termination_type,
    regretted,
    employment_hire_type,
    department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager,
    multiIf(span_from < hire_date, '', age('month', hire_date, span_from) < 12, '<1y', age('month', hire_date, span_from) < 36, '1-3y',
        age('month', hire_date, span_from) < 60, '3-5y', age('month', hire_date, span_from) < 120, '5-10y', '10y+') AS tenure_band
FROM
(
    SELECT
        employee_id, hire_date, termination_date, last_day, termination_type, regretted, hire_type AS employment_hire_type,
        if(i = 1, toDate32('1900-01-01'), as_ofs[i]) AS snapshot_from,
        if(i = length(as_ofs), toDate32('2299-12-31'), as_ofs[i + 1] - 1) AS snapshot_to,
        attributes[i][1] AS department, attributes[i][2] AS division, attributes[i][3] AS grade, attributes[i][4] AS employment_type,
        attributes[i][5] AS manager_id, attributes[i][6] AS hire_type, attributes[i][7] AS gender, attributes[i][8] AS job_family,
        attributes[i][9] AS is_manager,
        arrayFilter(c -> snapshot_from < c AND c <= snapshot_to,
            arrayMap(n -> if(age('month', hire_date, addMonths(hire_date, n)) >= n, addMonths(hire_date, n), addMonths(hire_date, n) + 1),
                [0, 12, 36, 60, 120])) AS cuts
    FROM employee_history
    ARRAY JOIN arrayEnumerate(as_ofs) AS i
)
ARRAY JOIN arrayZip(arrayPushFront(cuts, snapshot_from), arrayPushBack(arrayMap(c -> c - 1, cuts), snapshot_to)) AS piece

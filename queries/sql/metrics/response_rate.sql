-- Response rate of the surveys of each period (a survey belongs to the
-- period holding its close date): respondents — people with at least one
-- non-blank answer — and whom they are counted against (invitees). For the
-- whole company unfiltered (a total) that is the sum of the surveys' invited
-- counts when every survey of the period gives one; otherwise, and for every
-- group, the headcount on the close date. Several surveys in a period add
-- up. Rows with an empty key are the totals.
--
-- A respondent of an identified survey counts under their attributes at the
-- close date; one of an anonymous survey under the segments captured with the
-- answers (department, grade, tenure band) and nothing else. The headcount
-- counts each employee under their attributes at the close date.
WITH
    s AS
    (
        SELECT survey_id, closes_on, identified, invited,
            arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS p
        FROM surveys
    )
SELECT
    p,
    arraySlice(av, 1, length({by:Array(UInt8)})) AS key,
    countIf(respondent) AS respondents,
    if(empty(key) AND empty({filter_dims:Array(UInt8)}) AND any(invited_all) > 0, any(invited_all), countIf(NOT respondent)) AS invitees
FROM
(
    -- the respondents, and the headcount on each close date
    SELECT p, true AS respondent, av
    FROM
    (
        SELECT
            s.p AS p, s.closes_on AS d, s.identified AND e.employee_id != '' AS known,
            arrayMap(i -> if(known,
                multiIf(i = 1, e.department, i = 2, e.division, i = 3, e.grade, i = 4, e.employment_type, i = 5, e.manager_id,
                    i = 6, e.hire_type, i = 7, e.gender, i = 8, e.job_family, i = 9, e.is_manager,
                    d < e.hire_date, '', age('month', e.hire_date, d) < 12, '<1y', age('month', e.hire_date, d) < 36, '1-3y',
                    age('month', e.hire_date, d) < 60, '3-5y', age('month', e.hire_date, d) < 120, '5-10y', '10y+'),
                multiIf(i = 1, toString(r.segment_department), i = 3, toString(r.segment_grade), i = 10, toString(r.segment_tenure_band), '')),
                arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
        FROM
        (
            SELECT survey_id, respondent_id, any(employee_id) AS employee_id,
                any(segment_department) AS segment_department, any(segment_grade) AS segment_grade,
                any(segment_tenure_band) AS segment_tenure_band
            FROM survey_responses
            WHERE value IS NOT NULL OR text != ''
            GROUP BY survey_id, respondent_id
        ) AS r
        INNER JOIN s ON s.survey_id = r.survey_id
        ASOF LEFT JOIN employee_spans AS e ON e.employee_id = r.employee_id AND e.span_from <= s.closes_on
    )
    UNION ALL
    SELECT p, false AS respondent, av
    FROM
    (
        SELECT
            s.p AS p, s.closes_on AS d,
            arrayMap(i -> multiIf(i = 1, e.department, i = 2, e.division, i = 3, e.grade, i = 4, e.employment_type, i = 5, e.manager_id,
                i = 6, e.hire_type, i = 7, e.gender, i = 8, e.job_family, i = 9, e.is_manager,
                d < e.hire_date, '', age('month', e.hire_date, d) < 12, '<1y', age('month', e.hire_date, d) < 36, '1-3y',
                age('month', e.hire_date, d) < 60, '3-5y', age('month', e.hire_date, d) < 120, '5-10y', '10y+'),
                arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
        FROM employee_spans AS e
        CROSS JOIN s
        WHERE e.hire_date <= s.closes_on AND e.last_day >= s.closes_on AND e.span_from <= s.closes_on AND s.closes_on <= e.span_to
    )
) AS people
LEFT JOIN
(
    SELECT p, if(countIf(ifNull(invited, 0) = 0) = 0, sum(invited), 0) AS invited_all
    FROM s
    GROUP BY p
) AS inv USING (p)
WHERE arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key), (p))
ORDER BY p, key

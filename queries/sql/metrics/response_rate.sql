-- Response rate of the surveys of each period (a survey belongs to the
-- period holding its close date): respondents — people with at least one
-- non-blank answer — and whom they are counted against (invitees). For the
-- whole company unfiltered (a total) that is the sum of the surveys' invited
-- counts when every survey of the period gives one; otherwise, and for every
-- group, the headcount on the close date. Several surveys in a period add
-- up. Rows with an empty key are the totals.
--
-- Respondents count under their attributes in survey_answers (for an
-- identified survey those at the close date; for an anonymous one the
-- segments captured with the answers). The headcount counts each employee
-- under their attributes at the close date.
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
            s.p AS p,
            arrayMap(i -> multiIf(i = 1, a.department, i = 2, a.division, i = 3, a.grade, i = 4, a.employment_type, i = 5, a.manager_id,
                i = 6, a.hire_type, i = 7, a.gender, i = 8, a.job_family, i = 9, a.is_manager, a.tenure_band),
                arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
        FROM
        (
            SELECT any(survey_id) AS survey_id, any(department) AS department, any(division) AS division, any(grade) AS grade,
                any(employment_type) AS employment_type, any(manager_id) AS manager_id, any(hire_type) AS hire_type, any(gender) AS gender,
                any(job_family) AS job_family, any(is_manager) AS is_manager, any(tenure_band) AS tenure_band
            FROM survey_answers
            WHERE closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
            GROUP BY respondent
        ) AS a
        INNER JOIN s ON s.survey_id = a.survey_id
    )
    UNION ALL
    SELECT p, false AS respondent, av
    FROM
    (
        SELECT
            s.p AS p, s.closes_on AS d,
            arrayMap(i -> multiIf(i = 1, e.department, i = 2, e.division, i = 3, e.grade, i = 4, e.employment_type, i = 5, e.manager_id,
                i = 6, e.hire_type, i = 7, e.gender, i = 8, e.job_family, i = 9, e.is_manager, i = 10, e.tenure_band, ''),
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

-- Response rate of the surveys of each period (a survey belongs to the
-- period holding its close date): respondents — people with at least one
-- non-blank answer — and whom they are counted against. For the whole
-- company (no breakdown, no filter) that is the survey's invited count when
-- it gives one; otherwise, and for every group, the headcount on the close
-- date. Several surveys in a period add up.
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
    ),
    whole AS (SELECT empty({by:Array(UInt8)}) AND empty({filter_dims:Array(UInt8)}))
SELECT
    p,
    key,
    sum(respondents) AS respondents,
    sum(if((SELECT * FROM whole) AND ifNull(s.invited, 0) > 0, s.invited, headcount)) AS invitees
FROM
(
    SELECT p, survey_id, arrayMap(i -> ak[i], {by:Array(UInt8)}) AS key, uniqExact(respondent_id) AS respondents
    FROM
    (
        SELECT
            s.p AS p, s.survey_id AS survey_id, r.respondent_id AS respondent_id, s.closes_on AS d,
            if(s.identified AND e.employee_id != '',
                arrayPushBack(e.attributes[greatest(1, arrayLastIndex(x -> x <= d, e.as_ofs))],
                    multiIf(d < e.hire_date, '', age('month', e.hire_date, d) < 12, '<1y', age('month', e.hire_date, d) < 36, '1-3y',
                        age('month', e.hire_date, d) < 60, '3-5y', age('month', e.hire_date, d) < 120, '5-10y', '10y+')),
                [toString(r.segment_department), '', toString(r.segment_grade), '', '', '', '', '', '', toString(r.segment_tenure_band)]) AS ak
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
        LEFT JOIN employee_timeline AS e ON e.employee_id = r.employee_id
    )
    WHERE arrayAll((i, vs) -> has(vs, ak[i]), {filter_dims:Array(UInt8)}, {filter_values:Array(Array(String))})
    GROUP BY p, survey_id, key
) AS responded
FULL OUTER JOIN
(
    SELECT p, survey_id, arrayMap(i -> ak[i], {by:Array(UInt8)}) AS key, count() AS headcount
    FROM
    (
        SELECT
            s.p AS p, s.survey_id AS survey_id, s.closes_on AS d,
            arrayPushBack(e.attributes[greatest(1, arrayLastIndex(x -> x <= d, e.as_ofs))],
                multiIf(d < e.hire_date, '', age('month', e.hire_date, d) < 12, '<1y', age('month', e.hire_date, d) < 36, '1-3y',
                    age('month', e.hire_date, d) < 60, '3-5y', age('month', e.hire_date, d) < 120, '5-10y', '10y+')) AS ak
        FROM employee_timeline AS e
        CROSS JOIN s
        WHERE e.hire_date <= s.closes_on AND e.last_day >= s.closes_on
    )
    WHERE arrayAll((i, vs) -> has(vs, ak[i]), {filter_dims:Array(UInt8)}, {filter_values:Array(Array(String))})
    GROUP BY p, survey_id, key
) AS invited_group USING (p, survey_id, key)
LEFT JOIN s USING (p, survey_id)
GROUP BY p, key
ORDER BY p, key

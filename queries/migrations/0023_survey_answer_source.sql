-- Every non-blank survey answer with what the metrics need of it, the rows
-- of the derived table survey_answers: the survey's close date, the item's
-- scale, theme and place in the engagement index, the value with
-- reverse-coded items turned around, whether it is favorable or
-- unfavorable, and the attributes the respondent counts under. A respondent
-- of an identified survey counts under their attributes at the close date
-- (the span holding it); one of an anonymous survey under the segments
-- captured with the answers (department, grade, tenure band), and the
-- division its department belongs to on the close date (of the employees
-- in it that day; '' when there are none). Free-text answers have scale 'text' and no value. respondent
-- identifies a survey's respondent in one number, for counting them fast.
--
-- Favorable is 3-4 on likert4, 4-5 on likert5, 6-7 on likert7 and yes;
-- unfavorable 1-2 on each Likert scale and no.
CREATE VIEW IF NOT EXISTS survey_answer_source AS
SELECT
    r.survey_id AS survey_id,
    r.respondent_id AS respondent_id,
    cityHash64(r.survey_id, r.respondent_id) AS respondent,
    r.item_id AS item,
    s.closes_on AS closes_on,
    toString(i.scale) AS scale,
    toString(i.theme) AS theme,
    i.engagement_index AS engagement_index,
    toInt16(if(r.value IS NULL, -1, if(i.reverse_coded AND i.scale IN ('likert4', 'likert5', 'likert7'),
        multiIf(i.scale = 'likert4', 5, i.scale = 'likert5', 6, 8) - assumeNotNull(r.value), assumeNotNull(r.value)))) AS value,
    value >= multiIf(i.scale = 'likert4', 3, i.scale = 'likert5', 4, i.scale = 'likert7', 6, i.scale = 'yesno', 1, 255) AS favorable,
    value >= 0 AND value <= multiIf(i.scale IN ('likert4', 'likert5', 'likert7'), 2, i.scale = 'yesno', 0, -1) AS unfavorable,
    s.identified AND e.employee_id != '' AS known,
    if(known, e.department, toString(r.segment_department)) AS department,
    if(known, e.division, d.division) AS division,
    if(known, e.grade, toString(r.segment_grade)) AS grade,
    if(known, e.employment_type, '') AS employment_type,
    if(known, e.manager_id, '') AS manager_id,
    if(known, e.hire_type, '') AS hire_type,
    if(known, e.gender, '') AS gender,
    if(known, e.job_family, '') AS job_family,
    if(known, e.is_manager, '') AS is_manager,
    if(known,
        multiIf(closes_on < e.hire_date, '', age('month', e.hire_date, closes_on) < 12, '<1y', age('month', e.hire_date, closes_on) < 36, '1-3y',
            age('month', e.hire_date, closes_on) < 60, '3-5y', age('month', e.hire_date, closes_on) < 120, '5-10y', '10y+'),
        toString(r.segment_tenure_band)) AS tenure_band,
    if(known, r.employee_id, '') AS employee_id
FROM survey_responses AS r
INNER JOIN survey_items AS i ON i.survey_id = r.survey_id AND i.item_id = r.item_id
INNER JOIN surveys AS s ON s.survey_id = r.survey_id
ASOF LEFT JOIN employee_spans AS e ON e.employee_id = r.employee_id AND e.span_from <= s.closes_on
LEFT JOIN
(
    SELECT x.survey_id AS survey_id, toString(m.department) AS department, any(toString(m.division)) AS division
    FROM employee_spans AS m
    CROSS JOIN surveys AS x
    WHERE NOT x.identified
      AND m.span_from <= x.closes_on AND x.closes_on <= m.span_to AND m.hire_date <= x.closes_on AND x.closes_on <= m.last_day
    GROUP BY survey_id, department
) AS d ON d.survey_id = r.survey_id AND d.department = toString(r.segment_department)
WHERE r.value IS NOT NULL OR (i.scale = 'text' AND r.text != '')

-- Survey answers of each period (a survey belongs to the period holding its
-- close date), pooled over the chosen items: engagement-index items only
-- with {index_only}, of the given {themes} and {scales} when those are not
-- empty; free text never. Reverse-coded items are turned around first.
-- Favorable is 3-4 on likert4, 4-5 on likert5, 6-7 on likert7 and yes;
-- unfavorable 1-2 on each Likert scale and no; the rest is neutral. On nps11
-- items, promoters answer 9-10 and detractors 0-6. respondents counts the
-- distinct people behind the figures, for anonymity.
--
-- A respondent of an identified survey counts under their attributes at the
-- close date; one of an anonymous survey under the segments captured with the
-- answers (department, grade, tenure band) and nothing else. Two more
-- dimensions exist here: theme (11) and item (12). Rows with an empty key
-- are the totals.
SELECT
    p,
    arraySlice(av, 1, length({by:Array(UInt8)})) AS key,
    count() AS answers,
    countIf(v >= multiIf(scale = 'likert4', 3, scale = 'likert5', 4, scale = 'likert7', 6, scale = 'yesno', 1, 255)) AS favorable,
    countIf(v <= multiIf(scale IN ('likert4', 'likert5', 'likert7'), 2, scale = 'yesno', 0, -1)) AS unfavorable,
    answers - favorable - unfavorable - nps_answers AS neutral,
    countIf(scale = 'nps11' AND v >= 9) AS promoters,
    countIf(scale = 'nps11' AND v <= 6) AS detractors,
    countIf(scale = 'nps11') AS nps_answers,
    uniqExact(survey_id, respondent_id) AS respondents
FROM
(
    SELECT
        survey_id, respondent_id, scale, v, p,
        arrayMap(i -> multiIf(i = 1, department, i = 2, division, i = 3, grade, i = 4, employment_type, i = 5, manager_id,
            i = 6, hire_type, i = 7, gender, i = 8, job_family, i = 9, is_manager, i = 10, tenure_band, i = 11, theme, item),
            arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
    FROM
    (
        SELECT
            r.survey_id AS survey_id, r.respondent_id AS respondent_id, i.scale AS scale,
            toInt16(if(i.reverse_coded AND i.scale IN ('likert4', 'likert5', 'likert7'),
                multiIf(i.scale = 'likert4', 5, i.scale = 'likert5', 6, 8) - r.value, r.value)) AS v,
            s.p AS p, s.closes_on AS d, s.identified AND e.employee_id != '' AS known,
            if(known, e.department, toString(r.segment_department)) AS department, if(known, e.division, '') AS division,
            if(known, e.grade, toString(r.segment_grade)) AS grade, if(known, e.employment_type, '') AS employment_type,
            if(known, e.manager_id, '') AS manager_id, if(known, e.hire_type, '') AS hire_type, if(known, e.gender, '') AS gender,
            if(known, e.job_family, '') AS job_family, if(known, e.is_manager, '') AS is_manager,
            if(known,
                multiIf(d < e.hire_date, '', age('month', e.hire_date, d) < 12, '<1y', age('month', e.hire_date, d) < 36, '1-3y',
                    age('month', e.hire_date, d) < 60, '3-5y', age('month', e.hire_date, d) < 120, '5-10y', '10y+'),
                toString(r.segment_tenure_band)) AS tenure_band,
            toString(i.theme) AS theme, i.item_id AS item
        FROM survey_responses AS r
        INNER JOIN survey_items AS i ON i.survey_id = r.survey_id AND i.item_id = r.item_id
        INNER JOIN
        (
            SELECT survey_id, closes_on, identified,
                arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
                    arrayEnumerate({starts:Array(Date32)}))) AS p
            FROM surveys
        ) AS s ON s.survey_id = r.survey_id
        ASOF LEFT JOIN employee_spans AS e ON e.employee_id = r.employee_id AND e.span_from <= s.closes_on
        WHERE r.value IS NOT NULL AND i.scale != 'text'
          AND (NOT {index_only:Bool} OR i.engagement_index)
          AND (empty({themes:Array(String)}) OR has({themes:Array(String)}, toString(i.theme)))
          AND (empty({scales:Array(String)}) OR has({scales:Array(String)}, toString(i.scale)))
    )
)
WHERE arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key), (p))
ORDER BY p, key

-- Drivers of engagement: for each item, how its answers go with the
-- engagement index across the respondents of the surveys of each period. x
-- is 1 when the respondent's answer to the item is favorable, else 0; y is
-- the respondent's own % favorable over the engagement-index items, leaving
-- out the item itself when it is one of them (a corrected item-total
-- correlation, so an index item does not correlate with itself). r is
-- Pearson's correlation of x and y (NaN when either does not vary), and
-- respondents the n behind it: those with an answer to the item and to at
-- least one other index item. Likert and yes/no items only; reverse-coded
-- items are turned around first.
--
-- Respondents count under the attributes of engagement.sql; theme (11) and
-- item (12) are the item's. Rows with an empty key are the totals.
SELECT
    p,
    arraySlice(av, 1, length({by:Array(UInt8)})) AS key,
    corr(toFloat64(x), y) AS r,
    count() AS respondents
FROM
(
    SELECT
        p, item.2 AS x, (index_favorable - if(item.3, item.2, 0)) / (index_answers - item.3) AS y,
        arrayMap(i -> multiIf(i = 11, item.4, i = 12, item.1, base[i]), arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
    FROM
    (
        SELECT
            p, survey_id, respondent_id, any(base) AS base,
            sumIf(favorable, engagement_index) AS index_favorable,
            countIf(engagement_index) AS index_answers,
            groupArray((item_id, favorable, engagement_index, theme)) AS items
        FROM
        (
            SELECT
                r.survey_id AS survey_id, r.respondent_id AS respondent_id, r.item_id AS item_id, i.engagement_index AS engagement_index,
                toString(i.theme) AS theme, s.p AS p, s.closes_on AS d,
                toUInt8(toInt16(if(i.reverse_coded AND i.scale IN ('likert4', 'likert5', 'likert7'),
                    multiIf(i.scale = 'likert4', 5, i.scale = 'likert5', 6, 8) - r.value, r.value))
                    >= multiIf(i.scale = 'likert4', 3, i.scale = 'likert5', 4, i.scale = 'likert7', 6, 1)) AS favorable,
                s.identified AND e.employee_id != '' AS known,
                if(known,
                    [e.department, e.division, e.grade, e.employment_type, e.manager_id, e.hire_type, e.gender, e.job_family, e.is_manager,
                        multiIf(d < e.hire_date, '', age('month', e.hire_date, d) < 12, '<1y', age('month', e.hire_date, d) < 36, '1-3y',
                            age('month', e.hire_date, d) < 60, '3-5y', age('month', e.hire_date, d) < 120, '5-10y', '10y+')],
                    [toString(r.segment_department), '', toString(r.segment_grade), '', '', '', '', '', '', toString(r.segment_tenure_band)]) AS base
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
            WHERE r.value IS NOT NULL AND i.scale IN ('likert4', 'likert5', 'likert7', 'yesno')
        )
        GROUP BY p, survey_id, respondent_id
    )
    ARRAY JOIN items AS item
    WHERE index_answers > item.3
)
WHERE arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key), (p))
ORDER BY p, key

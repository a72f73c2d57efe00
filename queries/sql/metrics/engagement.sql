-- Survey answers of each period (a survey belongs to the period holding its
-- close date), pooled over the chosen items: engagement-index items only
-- with {index_only}, of the given {themes} and {scales} when those are not
-- empty; free text never. Answers come from survey_answers, where
-- reverse-coded items are already turned around, favorable and unfavorable
-- marked, and each respondent placed under their attributes. On nps11 items,
-- promoters answer 9-10 and detractors 0-6; the rest of the answers are
-- neutral. respondents counts the distinct people behind the figures, for
-- anonymity. Besides the attributes, theme (11) and item (12) are
-- dimensions here. Rows with an empty key are the totals.
SELECT
    p,
    arraySlice(av, 1, length({by:Array(UInt8)})) AS key,
    count() AS answers,
    countIf(favorable) AS favorable,
    countIf(unfavorable) AS unfavorable,
    answers - favorable - unfavorable - nps_answers AS neutral,
    countIf(scale = 'nps11' AND value >= 9) AS promoters,
    countIf(scale = 'nps11' AND value <= 6) AS detractors,
    countIf(scale = 'nps11') AS nps_answers,
    uniqExact(respondent) AS respondents
FROM
(
    SELECT
        respondent, scale, value, favorable, unfavorable,
        arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
            arrayEnumerate({starts:Array(Date32)}))) AS p,
        arrayMap(i -> multiIf(i = 1, department, i = 2, division, i = 3, grade, i = 4, employment_type, i = 5, manager_id,
            i = 6, hire_type, i = 7, gender, i = 8, job_family, i = 9, is_manager, i = 10, tenure_band, i = 11, theme, item),
            arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
    FROM survey_answers
    WHERE closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
      AND scale != 'text'
      AND (NOT {index_only:Bool} OR engagement_index)
      AND (empty({themes:Array(String)}) OR has({themes:Array(String)}, theme))
      AND (empty({scales:Array(String)}) OR has({scales:Array(String)}, scale))
)
WHERE arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key), (p))
ORDER BY p, key

-- Drivers of engagement: for each item, how its answers go with the
-- engagement index across the respondents of the surveys of each period. x
-- is 1 when the respondent's answer to the item is favorable, else 0; y is
-- the respondent's own % favorable over the engagement-index items, leaving
-- out the item itself when it is one of them (a corrected item-total
-- correlation, so an index item does not correlate with itself). r is
-- Pearson's correlation of x and y (NaN when either does not vary), and
-- respondents the n behind it: those with an answer to the item and to at
-- least one other index item. Likert and yes/no items only (survey_answers
-- has reverse-coded items turned around).
--
-- Respondents count under their attributes in survey_answers; theme (11)
-- and item (12) are the item's. Rows with an empty key are the totals.
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
            p, survey_id, respondent_id,
            any([department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band]) AS base,
            countIf(favorable AND engagement_index) AS index_favorable,
            countIf(engagement_index) AS index_answers,
            groupArray((item, toUInt8(favorable), engagement_index, theme)) AS items
        FROM
        (
            SELECT *,
                arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
                    arrayEnumerate({starts:Array(Date32)}))) AS p
            FROM survey_answers
            WHERE closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
              AND scale IN ('likert4', 'likert5', 'likert7', 'yesno')
        )
        GROUP BY p, survey_id, respondent_id
    )
    ARRAY JOIN items AS item
    WHERE index_answers > item.3
)
WHERE arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key), (p))
ORDER BY p, key

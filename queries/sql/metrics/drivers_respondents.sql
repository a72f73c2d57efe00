-- Drivers of engagement straight from survey_respondents: what drivers.sql
-- computes when no survey has more than 64 items and no respondent counts
-- under more than one set of attributes (metrics.plan chooses this file
-- only then, and a test requires the same figures from both, to 1e-12).
-- Each survey's index items come as a mask of the survey_item_bits bits
-- ({survey_ids}, {index_items}; metrics/fast.go). The respondents are
-- filtered before they meet the items.
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    corrMerge(day_r) AS r,
    sum(day_respondents) AS respondents
FROM
(
    SELECT
        closes_on, {key1:Identifier} AS k1, {key2:Identifier} AS k2,
        corrState(toFloat64(bitAnd(r.favorable, bit) != 0 AS x), (bitCount(bitAnd(r.favorable, index_items)) - if(engagement_index, x, 0))
            / (bitCount(bitAnd(answered, index_items)) - engagement_index)) AS day_r,
        count() AS day_respondents
    FROM
    (
        SELECT *, transform(survey_id, {survey_ids:Array(String)}, {index_items:Array(UInt64)}, toUInt64(0)) AS index_items
        FROM survey_respondents
        WHERE closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
            AND {attributes:Filter}
    ) AS r
    INNER JOIN
    (
        SELECT survey_id, item_id AS item, bit, scale, theme, engagement_index
        FROM survey_item_bits
        WHERE scale IN ('likert4', 'likert5', 'likert7', 'yesno')
    ) AS i ON i.survey_id = r.survey_id
    WHERE bitAnd(answered, bit) != 0
      AND bitCount(bitAnd(answered, index_items)) > engagement_index
      AND (empty({theme_in:Array(String)}) OR has({theme_in:Array(String)}, theme))
      AND (empty({item_in:Array(String)}) OR has({item_in:Array(String)}, item))
    GROUP BY closes_on, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
    arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

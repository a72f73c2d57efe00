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
-- Respondents count under their attributes in survey_answers; theme and
-- item are the item's. Rows with an empty key are the totals. The
-- correlation is gathered per close date and merged per period, as the
-- counts in engagement.sql.
--
-- Unless {rollups} forbids, a survey has more than 64 items or a respondent
-- counts under more than one set of attributes, the answers come from
-- survey_respondents, a row per respondent: each respondent's row is
-- joined to the items of the survey, whose bits in the respondent's masks
-- tell whether they answered the item and favorably, and the index totals
-- are bit counts of the masks over the survey's index items. Both give the
-- same figures (a test checks them to 1e-12: sums of the same numbers in
-- another order).
WITH
    (SELECT (groupArray(survey_id), groupArray(index_items), max(most))
     FROM
     (
         SELECT survey_id, groupBitOrIf(bit, engagement_index AND scale IN ('likert4', 'likert5', 'likert7', 'yesno')) AS index_items, max(items) AS most
         FROM survey_item_bits
         GROUP BY survey_id
     )) AS surveys_index,
    {rollups:Bool} AND surveys_index.3 <= 64 AND (SELECT countIf(mixed) = 0 FROM survey_respondents) AS from_respondents
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    corrMerge(day_r) AS r,
    sum(day_respondents) AS respondents
FROM
(
    SELECT
        closes_on, {key1:Identifier} AS k1, {key2:Identifier} AS k2,
        corrState(toFloat64(favorable), (t.index_favorable - if(engagement_index, toUInt8(favorable), 0)) / (t.index_answers - engagement_index)) AS day_r,
        count() AS day_respondents
    FROM survey_answers
    INNER JOIN
    (
        -- each respondent's favorable answers and answers to index items
        SELECT respondent, countIf(favorable AND engagement_index) AS index_favorable, countIf(engagement_index) AS index_answers
        FROM survey_answers
        WHERE closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
          AND scale IN ('likert4', 'likert5', 'likert7', 'yesno')
        GROUP BY respondent
    ) AS t USING (respondent)
    WHERE NOT from_respondents
      AND closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
      AND scale IN ('likert4', 'likert5', 'likert7', 'yesno')
      AND t.index_answers > engagement_index
      AND {attributes:Filter}
      AND (empty({theme_in:Array(String)}) OR has({theme_in:Array(String)}, theme))
      AND (empty({item_in:Array(String)}) OR has({item_in:Array(String)}, item))
    GROUP BY closes_on, k1, k2
    UNION ALL
    SELECT
        closes_on, {key1:Identifier} AS k1, {key2:Identifier} AS k2,
        corrState(toFloat64(bitAnd(r.favorable, bit) != 0 AS x), (bitCount(bitAnd(r.favorable, index_items)) - if(engagement_index, x, 0))
            / (bitCount(bitAnd(answered, index_items)) - engagement_index)) AS day_r,
        count() AS day_respondents
    FROM
    (
        SELECT *, transform(survey_id, surveys_index.1, surveys_index.2, toUInt64(0)) AS index_items
        FROM survey_respondents
        WHERE from_respondents
          AND closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
    ) AS r
    INNER JOIN
    (
        SELECT survey_id, item_id AS item, bit, scale, theme, engagement_index
        FROM survey_item_bits
        WHERE from_respondents AND scale IN ('likert4', 'likert5', 'likert7', 'yesno')
    ) AS i ON i.survey_id = r.survey_id
    WHERE bitAnd(answered, bit) != 0
      AND bitCount(bitAnd(answered, index_items)) > engagement_index
      AND {attributes:Filter}
      AND (empty({theme_in:Array(String)}) OR has({theme_in:Array(String)}, theme))
      AND (empty({item_in:Array(String)}) OR has({item_in:Array(String)}, item))
    GROUP BY closes_on, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
    arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

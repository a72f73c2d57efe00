-- Survey answers of each period (a survey belongs to the period holding its
-- close date), pooled over the chosen items: engagement-index items only
-- with {index_only}, of the given {themes} and {scales} when those are not
-- empty; free text never. Answers come from survey_answers, where
-- reverse-coded items are already turned around, favorable and unfavorable
-- marked, and each respondent placed under their attributes. On nps11 items,
-- promoters answer 9-10 and detractors 0-6; the rest of the answers are
-- neutral. respondents counts the distinct people behind the figures, for
-- anonymity. Besides the attributes, theme and item are dimensions here.
-- Rows with an empty key are the totals; with a {within} attribute (a
-- department's division), the groups come once more keyed by it first.
--
-- The answers are counted per close date first and the dates placed in
-- periods after: respondents of different surveys are different people
-- (survey_answers.respondent is a hash of the survey and the respondent), so
-- the counts of a period's close dates add up.
--
-- Unless the figures are cut by theme or item (or {rollups} forbids, or a
-- survey has more than 64 items), they are counted from survey_respondents,
-- a row per respondent: each survey's chosen items as a mask, and a
-- respondent's answers to them as the bits of their masks the mask keeps.
-- Both give the same figures, which a test checks.
WITH
    -- each survey's chosen items, and the nps11 ones among them; the most
    -- items a survey has
    (
        SELECT (groupArray(survey_id), groupArray(chosen), groupArray(chosen_nps), max(most))
        FROM
        (
            SELECT survey_id, groupBitOrIf(bit, chosen_item) AS chosen, groupBitOrIf(bit, chosen_item AND scale = 'nps11') AS chosen_nps, max(items) AS most
            FROM
            (
                SELECT *, scale != 'text'
                    AND (NOT {index_only:Bool} OR engagement_index)
                    AND (empty({themes:Array(String)}) OR has({themes:Array(String)}, theme))
                    AND (empty({scales:Array(String)}) OR has({scales:Array(String)}, scale))
                    AND (empty({theme_in:Array(String)}) OR has({theme_in:Array(String)}, theme))
                    AND (empty({item_in:Array(String)}) OR has({item_in:Array(String)}, item_id)) AS chosen_item
                FROM survey_item_bits
            )
            GROUP BY survey_id
        )
    ) AS chosen_items,
    {rollups:Bool} AND NOT hasAny({cut:Array(String)}, ['theme', 'item']) AND chosen_items.4 <= 64 AS from_respondents
SELECT
    p,
    multiIf(grouping(k1, k2) != 0, [],
        grouping(w) = 0, arrayConcat([toString(w)], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})),
        arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    sum(day_answers) AS answers,
    sum(day_favorable) AS favorable,
    sum(day_unfavorable) AS unfavorable,
    answers - favorable - unfavorable - nps_answers AS neutral,
    sum(day_promoters) AS promoters,
    sum(day_detractors) AS detractors,
    sum(day_nps_answers) AS nps_answers,
    sum(day_respondents) AS respondents
FROM
(
    SELECT
        closes_on, {key1:Identifier} AS k1, {key2:Identifier} AS k2, {within:Identifier} AS w,
        count() AS day_answers,
        countIf(favorable) AS day_favorable,
        countIf(unfavorable) AS day_unfavorable,
        countIf(scale = 'nps11' AND value >= 9) AS day_promoters,
        countIf(scale = 'nps11' AND value <= 6) AS day_detractors,
        countIf(scale = 'nps11') AS day_nps_answers,
        uniqExact(respondent) AS day_respondents
    FROM survey_answers
    WHERE NOT from_respondents
      AND closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
      AND scale != 'text'
      AND (NOT {index_only:Bool} OR engagement_index)
      AND (empty({themes:Array(String)}) OR has({themes:Array(String)}, theme))
      AND (empty({scales:Array(String)}) OR has({scales:Array(String)}, scale))
      AND {attributes:Filter}
      AND (empty({theme_in:Array(String)}) OR has({theme_in:Array(String)}, theme))
      AND (empty({item_in:Array(String)}) OR has({item_in:Array(String)}, item))
    GROUP BY closes_on, w, k1, k2
    UNION ALL
    SELECT
        closes_on, {key1:Identifier} AS k1, {key2:Identifier} AS k2, {within:Identifier} AS w,
        sum(bitCount(bitAnd(answered, chosen))) AS day_answers,
        sum(bitCount(bitAnd(favorable, chosen))) AS day_favorable,
        sum(bitCount(bitAnd(unfavorable, chosen))) AS day_unfavorable,
        sum(bitCount(bitAnd(promoters, chosen))) AS day_promoters,
        sum(bitCount(bitAnd(detractors, chosen))) AS day_detractors,
        sum(bitCount(bitAnd(answered, chosen_nps))) AS day_nps_answers,
        -- a respondent with rows under other attributes too once
        countIf(NOT mixed) + uniqExactIf(respondent, mixed) AS day_respondents
    FROM
    (
        SELECT *, transform(survey_id, chosen_items.1, chosen_items.2, toUInt64(0)) AS chosen,
            transform(survey_id, chosen_items.1, chosen_items.3, toUInt64(0)) AS chosen_nps,
            '' AS theme, '' AS item
        FROM survey_respondents
        WHERE from_respondents
          AND closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
          AND {attributes:Filter}
    )
    WHERE bitAnd(answered, chosen) != 0
    GROUP BY closes_on, w, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
    arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p), (p, w, k1, k2))
ORDER BY p, key

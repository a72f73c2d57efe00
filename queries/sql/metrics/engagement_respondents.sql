-- Survey answers of each period straight from survey_respondents: what
-- engagement.sql computes when the figures are not cut by theme or item and
-- no survey has more than 64 items (metrics.plan chooses this file only
-- then, and a test requires the same figures from both). Each survey's
-- chosen items, and the nps11 ones among them, come as masks of the
-- survey_item_bits bits ({survey_ids}, {chosen}, {chosen_nps}), worked out
-- from the term's items (metrics/fast.go).
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
        sum(bitCount(bitAnd(answered, chosen))) AS day_answers,
        sum(bitCount(bitAnd(favorable, chosen))) AS day_favorable,
        sum(bitCount(bitAnd(unfavorable, chosen))) AS day_unfavorable,
        sum(bitCount(bitAnd(promoters, chosen))) AS day_promoters,
        sum(bitCount(bitAnd(detractors, chosen))) AS day_detractors,
        sum(bitCount(bitAnd(answered, transform(survey_id, {survey_ids:Array(String)}, {chosen_nps:Array(UInt64)}, toUInt64(0))))) AS day_nps_answers,
        -- a respondent with rows under other attributes too once
        countIf(NOT mixed) + uniqExactIf(respondent, mixed) AS day_respondents
    FROM survey_respondents
    WHERE closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
      -- (a survey not in {survey_ids} has no chosen items: no has(), which
      -- costs as much as the rest of the row)
      AND bitAnd(answered, transform(survey_id, {survey_ids:Array(String)}, {chosen:Array(UInt64)}, toUInt64(0)) AS chosen) != 0
      AND {attributes:Filter}
    GROUP BY closes_on, w, k1, k2
)
ARRAY JOIN arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
    arrayEnumerate({starts:Array(Date32)})) AS p
GROUP BY GROUPING SETS ((p, k1, k2), (p), (p, w, k1, k2))
ORDER BY p, key

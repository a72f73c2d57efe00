-- Response rate of the surveys of each period, the respondents from
-- survey_respondents and the headcount on each close date from
-- survey_populations: what response_rate.sql computes with {rollups}
-- (metrics.plan chooses this file then, and a test requires the same
-- figures from both).
WITH
    s AS
    (
        SELECT survey_id, closes_on, identified, invited,
            arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS p
        FROM surveys
    )
SELECT
    p,
    multiIf(grouping(k1, k2) != 0, [], grouping(w) = 0, arrayConcat([w], arraySlice([k1, k2], 1, {keys:UInt8})),
        arraySlice([k1, k2], 1, {keys:UInt8})) AS key,
    sum(group_respondents) AS respondents,
    if(empty(key) AND NOT {filtered:Bool} AND any(invited_all) > 0, any(invited_all), sum(group_headcount)) AS invitees
FROM
(
    -- the respondents of each survey
    SELECT s.p AS p, a.w AS w, a.k1 AS k1, a.k2 AS k2, a.respondents AS group_respondents, 0 AS group_headcount
    FROM
    (
        SELECT survey_id, toString({within:Identifier}) AS w, toString({key1:Identifier}) AS k1, toString({key2:Identifier}) AS k2,
            -- a respondent with rows under other attributes too once
            countIf(NOT mixed) + uniqExactIf(respondent, mixed) AS respondents
        FROM survey_respondents
        WHERE closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
          AND {attributes:Filter}
        GROUP BY survey_id, w, k1, k2
    ) AS a
    INNER JOIN s ON s.survey_id = a.survey_id
    UNION ALL
    -- the headcount on each close date
    SELECT s.p AS p, toString({within:Identifier}) AS w, toString({key1:Identifier}) AS k1, toString({key2:Identifier}) AS k2,
        0 AS group_respondents, count() AS group_headcount
    FROM survey_populations AS e
    INNER JOIN s ON s.survey_id = e.survey_id
    WHERE e.closes_on >= arrayMin({starts:Array(Date32)}) AND e.closes_on <= arrayMax({ends:Array(Date32)})
      AND {attributes:Filter}
    GROUP BY p, w, k1, k2
) AS people
LEFT JOIN
(
    SELECT p, if(countIf(ifNull(invited, 0) = 0) = 0, sum(invited), 0) AS invited_all
    FROM s
    GROUP BY p
) AS inv USING (p)
GROUP BY GROUPING SETS ((p, k1, k2), (p), (p, w, k1, k2))
ORDER BY p, key

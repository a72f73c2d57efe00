-- Response rate of the surveys of each period (a survey belongs to the
-- period holding its close date): respondents — people with at least one
-- non-blank answer — and whom they are counted against (invitees). For the
-- whole company unfiltered (a total) that is the sum of the surveys' invited
-- counts when every survey of the period gives one; otherwise, and for every
-- group, the headcount on the close date. Several surveys in a period add
-- up. Rows with an empty key are the totals.
--
-- Respondents count under their attributes in survey_answers (for an
-- identified survey those at the close date; for an anonymous one the
-- segments captured with the answers). The headcount counts each employee
-- under their attributes at the close date. With a {within} attribute (a
-- department's division), the groups come once more keyed by it first.
--
-- Respondents are counted from survey_respondents, a row per respondent,
-- unless {rollups} forbids; from survey_answers otherwise. Both give the
-- same figures, which a test checks.
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
            uniqExact(respondent) AS respondents
        FROM survey_answers
        WHERE NOT {rollups:Bool} AND closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
          AND {attributes:Filter}
        GROUP BY survey_id, w, k1, k2
        UNION ALL
        SELECT survey_id, toString({within:Identifier}) AS w, toString({key1:Identifier}) AS k1, toString({key2:Identifier}) AS k2,
            -- a respondent with rows under other attributes too once
            countIf(NOT mixed) + uniqExactIf(respondent, mixed) AS respondents
        FROM survey_respondents
        WHERE {rollups:Bool} AND closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
          AND {attributes:Filter}
        GROUP BY survey_id, w, k1, k2
    ) AS a
    INNER JOIN s ON s.survey_id = a.survey_id
    UNION ALL
    -- the headcount on each close date
    SELECT s.p AS p, toString({within:Identifier}) AS w, toString({key1:Identifier}) AS k1, toString({key2:Identifier}) AS k2,
        0 AS group_respondents, count() AS group_headcount
    FROM
    (
        SELECT *
        FROM employee_spans
        WHERE span_to >= arrayMin({starts:Array(Date32)}) AND span_from <= arrayMax({ends:Array(Date32)})
          AND {attributes:Filter}
    ) AS e
    CROSS JOIN s
    WHERE e.hire_date <= s.closes_on AND e.last_day >= s.closes_on AND e.span_from <= s.closes_on AND s.closes_on <= e.span_to
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

-- Program impact: the headcount on the first day of each period (a fiscal
-- year) split into users — at least one qualifying event (any action but
-- 'rejected') of the chosen programs in the period — and non-users, with
-- how many of each left within the 12 months from that first day. Each
-- employee counts under their attributes on that first day. Where the
-- period's surveys are identified, the engagement index of each group too:
-- its members' favorable answers and answers to engagement-index items of
-- the identified surveys closing in the period, and how many of them
-- answered (as in engagement.sql: reverse-coded items turned around). Rows
-- with an empty key are the totals of users and of non-users.
SELECT
    p,
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    used,
    count() AS employees,
    countIf(last_day < addYears({starts:Array(Date32)}[p], 1)) AS leavers,
    sum(index_favorable) AS favorable,
    sum(index_answers) AS answers,
    countIf(index_answers > 0) AS respondents
FROM
(
    SELECT
        employee_id, p, last_day,
        {key1:Identifier} AS k1, {key2:Identifier} AS k2,
        (employee_id, p) IN (
            SELECT employee_id, arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS p
            FROM program_events
            WHERE action != 'rejected'
              AND program_id IN (
                  SELECT program_id FROM program_catalog
                  WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
        ) AS used,
        a.index_favorable AS index_favorable, a.index_answers AS index_answers
    FROM employee_spans AS e
    ARRAY JOIN arrayEnumerate({starts:Array(Date32)}) AS p
    LEFT JOIN
    (
        SELECT
            employee_id AS answered_by,
            arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= closes_on AND closes_on <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS survey_p,
            countIf(favorable) AS index_favorable,
            count() AS index_answers
        FROM survey_answers
        WHERE employee_id != '' AND engagement_index AND scale IN ('likert4', 'likert5', 'likert7', 'yesno')
          AND closes_on >= arrayMin({starts:Array(Date32)}) AND closes_on <= arrayMax({ends:Array(Date32)})
        GROUP BY answered_by, survey_p
    ) AS a ON a.answered_by = e.employee_id AND a.survey_p = p
    WHERE e.span_to >= arrayMin({starts:Array(Date32)}) AND e.span_from <= arrayMax({starts:Array(Date32)})
      AND hire_date <= {starts:Array(Date32)}[p] AND last_day >= {starts:Array(Date32)}[p]
      AND span_from <= {starts:Array(Date32)}[p] AND {starts:Array(Date32)}[p] <= span_to
      AND {attributes:Filter}
)
GROUP BY GROUPING SETS ((p, k1, k2, used), (p, used))
ORDER BY p, key, used

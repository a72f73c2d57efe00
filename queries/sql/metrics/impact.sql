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
    arraySlice(av, 1, length({by:Array(UInt8)})) AS key,
    used,
    count() AS employees,
    countIf(last_day < addYears({starts:Array(Date32)}[p], 1)) AS leavers,
    sum(index_favorable) AS favorable,
    sum(index_answers) AS answers,
    countIf(index_answers > 0) AS respondents
FROM
(
    SELECT
        employee_id, p, last_day, {starts:Array(Date32)}[p] AS d,
        arrayMap(i -> multiIf(i = 1, department, i = 2, division, i = 3, grade, i = 4, employment_type, i = 5, manager_id,
            i = 6, hire_type, i = 7, gender, i = 8, job_family, i = 9, is_manager, i = 10, tenure_band, ''),
            arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av,
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
)
WHERE arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key, used), (p, used))
ORDER BY p, key, used

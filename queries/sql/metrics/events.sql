-- Program events of each period: how many (of the chosen actions, or every
-- qualifying one — any but 'rejected' — when {actions} is empty), by how
-- many employees, and their hours and cost. Programs are chosen as in
-- utilization.sql. An event counts under its employee's attributes on its
-- date (the span holding it); events of employees missing from the HR master
-- are left out. The events are the right side of the join, so the engine
-- builds its hash table from them rather than from every span. Rows with an
-- empty key are the totals.
SELECT
    p,
    arraySlice(av, 1, length({by:Array(UInt8)})) AS key,
    count() AS events,
    uniqExact(employee_id) AS employees,
    sum(ifNull(hours, 0)) AS hours,
    sum(ifNull(cost_jpy, 0)) AS cost_jpy
FROM
(
    SELECT
        ev.employee_id AS employee_id, ev.p AS p, ev.hours AS hours, ev.cost_jpy AS cost_jpy, ev.event_date AS d,
        arrayMap(i -> multiIf(i = 1, e.department, i = 2, e.division, i = 3, e.grade, i = 4, e.employment_type, i = 5, e.manager_id,
            i = 6, e.hire_type, i = 7, e.gender, i = 8, e.job_family, i = 9, e.is_manager, i = 10, e.tenure_band, ''),
            arrayConcat({by:Array(UInt8)}, {filter_dims:Array(UInt8)})) AS av
    FROM employee_spans AS e
    INNER JOIN
    (
        SELECT employee_id, event_date, hours, cost_jpy,
            arrayJoin(arrayFilter(i -> {starts:Array(Date32)}[i] <= event_date AND event_date <= {ends:Array(Date32)}[i],
                arrayEnumerate({starts:Array(Date32)}))) AS p
        FROM program_events
        WHERE if(empty({actions:Array(String)}), action != 'rejected', has({actions:Array(String)}, toString(action)))
          AND event_date >= arrayMin({starts:Array(Date32)}) AND event_date <= arrayMax({ends:Array(Date32)})
          AND program_id IN (
              SELECT program_id FROM program_catalog
              WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
    ) AS ev ON ev.employee_id = e.employee_id
    WHERE e.span_to >= arrayMin({starts:Array(Date32)}) AND e.span_from <= arrayMax({ends:Array(Date32)})
      AND e.span_from <= ev.event_date AND ev.event_date <= e.span_to
)
WHERE arrayAll((v, vs) -> has(vs, v), arraySlice(av, length({by:Array(UInt8)}) + 1), {filter_values:Array(Array(String))})
GROUP BY GROUPING SETS ((p, key), (p))
ORDER BY p, key

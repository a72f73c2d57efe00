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
    if(grouping(k1, k2) != 0, [], arraySlice([toString(k1), toString(k2)], 1, {keys:UInt8})) AS key,
    count() AS events,
    uniqExact(employee_id) AS employees,
    sum(ifNull(hours, 0)) AS hours,
    sum(ifNull(cost_jpy, 0)) AS cost_jpy
FROM
(
    SELECT
        ev.employee_id AS employee_id, ev.p AS p, ev.hours AS hours, ev.cost_jpy AS cost_jpy,
        {key1:Identifier} AS k1, {key2:Identifier} AS k2, '' AS no_key
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
      AND (empty({department_in:Array(String)}) OR has({department_in:Array(String)}, department))
      AND (empty({division_in:Array(String)}) OR has({division_in:Array(String)}, division))
      AND (empty({grade_in:Array(String)}) OR has({grade_in:Array(String)}, grade))
      AND (empty({employment_type_in:Array(String)}) OR has({employment_type_in:Array(String)}, employment_type))
      AND (empty({manager_id_in:Array(String)}) OR has({manager_id_in:Array(String)}, manager_id))
      AND (empty({hire_type_in:Array(String)}) OR has({hire_type_in:Array(String)}, hire_type))
      AND (empty({gender_in:Array(String)}) OR has({gender_in:Array(String)}, gender))
      AND (empty({job_family_in:Array(String)}) OR has({job_family_in:Array(String)}, job_family))
      AND (empty({is_manager_in:Array(String)}) OR has({is_manager_in:Array(String)}, is_manager))
      AND (empty({tenure_band_in:Array(String)}) OR has({tenure_band_in:Array(String)}, tenure_band))
)
GROUP BY GROUPING SETS ((p, k1, k2), (p))
ORDER BY p, key

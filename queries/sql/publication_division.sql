-- The division a department belongs to now (in the latest snapshot that
-- lists it), for a division filter on published figures by department.
SELECT toString(argMax(division, span_to))
FROM employee_spans
WHERE department = {department:String}

-- Every department and the division the latest data puts it in, to resolve
-- a department head's scope into the departments their role may read.
SELECT department, argMax(division, span_to) AS division
FROM employee_spans
WHERE department != ''
GROUP BY department
ORDER BY department

-- What the chart pages' filters offer: every department with its division,
-- every division, grade, employment type and survey theme, and the latest
-- snapshot date (the pages open on its fiscal year).
SELECT 'department' AS kind, toString(department) AS value, toString(any(division)) AS parent
FROM employee_spans
GROUP BY department
UNION ALL
SELECT 'division' AS kind, toString(division) AS value, '' AS parent
FROM employee_spans
WHERE division != ''
GROUP BY division
UNION ALL
SELECT 'grade' AS kind, toString(grade) AS value, '' AS parent
FROM employee_spans
WHERE grade != ''
GROUP BY grade
UNION ALL
SELECT 'employment_type' AS kind, toString(employment_type) AS value, '' AS parent
FROM employee_spans
WHERE employment_type != ''
GROUP BY employment_type
UNION ALL
SELECT 'theme' AS kind, toString(theme) AS value, '' AS parent
FROM survey_items
WHERE theme != ''
GROUP BY theme
UNION ALL
SELECT 'latest' AS kind, toString(max(as_of)) AS value, '' AS parent
FROM employee_snapshots
HAVING count() > 0

-- Three-year attrition of new graduates, by April hire cohort.
SELECT
    toYear(hire) AS cohort,
    count() AS n,
    countIf(term IS NOT NULL AND term < addYears(hire, 3)) AS leavers
FROM
(
    SELECT
        employee_id,
        argMax(hire_date, as_of) AS hire,
        argMax(termination_date, as_of) AS term,
        argMax(hire_type, as_of) AS hire_type
    FROM employee_snapshots
    GROUP BY employee_id
)
WHERE hire_type = 'new_graduate' AND toMonth(hire) = 4 AND toDayOfMonth(hire) = 1
GROUP BY cohort
ORDER BY cohort

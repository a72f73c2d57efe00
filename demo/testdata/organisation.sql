-- The organisation in the snapshot of a day: the ages of the employees,
-- how many are managers, how many have no manager, and how many have one
-- who is not a current manager of their division.
WITH snap AS
(
    SELECT *
    FROM employee_snapshots
    WHERE as_of = {day:Date32}
)
SELECT
    toInt32(assumeNotNull(min(age('year', e.birth_date, {day:Date32})))) AS youngest,
    toInt32(assumeNotNull(max(age('year', e.birth_date, {day:Date32})))) AS oldest,
    count() AS employees,
    countIf(assumeNotNull(e.is_manager)) AS managers,
    countIf(e.manager_id = '') AS without_manager,
    countIf(e.manager_id != '' AND (m.employee_id = '' OR NOT assumeNotNull(m.is_manager)
        OR m.termination_date IS NOT NULL AND m.termination_date < {day:Date32} OR m.division != e.division)) AS misplaced
FROM snap AS e
LEFT JOIN snap AS m ON m.employee_id = e.manager_id
WHERE e.termination_date IS NULL OR e.termination_date >= {day:Date32}

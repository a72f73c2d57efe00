-- Answers to the engagement-index items of an identified survey, and the
-- favourable ones, by the respondents' department at the close date and
-- whether they used some programs in the survey's fiscal year.
WITH
    items AS
    (
        SELECT item_id, scale
        FROM survey_items
        WHERE survey_id = {survey:String} AND engagement_index
    ),
    departments AS
    (
        SELECT employee_id, argMaxIf(department, as_of, as_of <= {close:Date32}) AS department
        FROM employee_snapshots
        GROUP BY employee_id
    ),
    users AS
    (
        SELECT DISTINCT employee_id
        FROM program_events
        WHERE program_id IN {programs:Array(String)} AND action != 'rejected'
            AND event_date >= {start:Date32} AND event_date <= {end:Date32}
    )
SELECT
    d.department AS department,
    toUInt8(r.employee_id IN (SELECT employee_id FROM users)) AS used,
    count() AS answers,
    countIf(r.value >= if(i.scale = 'likert4', 3, 4)) AS favorable
FROM survey_responses AS r
INNER JOIN items AS i ON i.item_id = r.item_id
LEFT JOIN departments AS d ON d.employee_id = r.employee_id
WHERE r.survey_id = {survey:String} AND r.value IS NOT NULL
GROUP BY department, used
ORDER BY department, used

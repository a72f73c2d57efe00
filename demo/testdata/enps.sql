-- eNPS of a survey: promoters (9–10) and detractors (0–6) on its 0–10 item.
SELECT
    count() AS answers,
    countIf(r.value >= 9) AS promoters,
    countIf(r.value <= 6) AS detractors
FROM survey_responses AS r
INNER JOIN survey_items AS i ON i.survey_id = r.survey_id AND i.item_id = r.item_id
WHERE r.survey_id = {survey:String} AND i.scale = 'nps11' AND r.value IS NOT NULL

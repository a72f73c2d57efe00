-- The items of the loaded surveys' latest definitions.
SELECT survey_id, batch_id, item_id, toString(scale) AS scale, text_ja, text_en
FROM survey_items
ORDER BY survey_id, position

-- Every survey item with its bit in survey_respondents' masks, for the
-- masks the fast survey paths take as parameters (metrics/fast.go).
SELECT survey_id, item_id, bit, items, scale, theme, engagement_index
FROM survey_item_bits
ORDER BY survey_id, item_id

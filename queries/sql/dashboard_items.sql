-- The survey items as the pages name them: the latest text of each item id
-- (an item asked again keeps its id), in both languages, with its theme.
SELECT
    i.item_id AS item_id,
    argMax(i.text_ja, s.closes_on) AS text_ja,
    argMax(i.text_en, s.closes_on) AS text_en,
    argMax(toString(i.theme), s.closes_on) AS theme
FROM survey_items AS i
INNER JOIN surveys AS s ON s.survey_id = i.survey_id
GROUP BY i.item_id
ORDER BY i.item_id

-- Each survey item's bit in the item masks of survey_respondents, with the
-- item's scale, theme and place in the engagement index: the items of a
-- survey in the order of their ids, bit n-1 for the n-th, and how many
-- items the survey has. Items past the 64th have no bit (0): readers use
-- survey_respondents only while every survey has at most 64.
CREATE VIEW IF NOT EXISTS survey_item_bits AS
SELECT
    survey_id, item.1 AS item_id, toUInt64(if(n <= 64, bitShiftLeft(toUInt64(1), n - 1), 0)) AS bit, toUInt16(length(items_of_survey)) AS items,
    item.2 AS scale, item.3 AS theme, item.4 AS engagement_index
FROM
(
    SELECT survey_id, arraySort(groupArray((item_id, toString(scale), toString(theme), engagement_index))) AS items_of_survey
    FROM survey_items
    GROUP BY survey_id
)
ARRAY JOIN items_of_survey AS item, arrayEnumerate(items_of_survey) AS n

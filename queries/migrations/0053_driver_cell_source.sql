-- The cells of the engagement drivers, the rows of the derived table
-- driver_cells: for each survey close date, item and set of attributes
-- (all but the manager), the correlation state of x and y as
-- metrics/drivers.sql defines them — x whether the respondent's answer to
-- the item is favorable, y their % favorable over the other
-- engagement-index items — and the respondents behind it. Computed from
-- survey_respondents as drivers.sql's branch over it is; metrics.plan reads
-- the cells only when that branch applies (no survey over 64 items, no
-- respondent under two sets of attributes) and the figures are neither cut
-- nor filtered by manager.
CREATE VIEW IF NOT EXISTS driver_cell_source AS
WITH
    (SELECT (groupArray(survey_id), groupArray(index_items))
     FROM
     (
         SELECT survey_id, groupBitOrIf(bit, engagement_index AND scale IN ('likert4', 'likert5', 'likert7', 'yesno')) AS index_items
         FROM survey_item_bits
         GROUP BY survey_id
     )) AS surveys_index
SELECT
    closes_on, i.item AS item, i.theme AS theme,
    department, division, grade, employment_type, hire_type, gender, job_family, is_manager, tenure_band,
    corrState(toFloat64(bitAnd(r.favorable, bit) != 0 AS x), (bitCount(bitAnd(r.favorable, index_items)) - if(engagement_index, x, 0))
        / (bitCount(bitAnd(answered, index_items)) - engagement_index)) AS r,
    count() AS respondents
FROM
(
    SELECT *, transform(survey_id, surveys_index.1, surveys_index.2, toUInt64(0)) AS index_items
    FROM survey_respondents
) AS r
INNER JOIN
(
    SELECT survey_id, item_id AS item, bit, scale, theme, engagement_index
    FROM survey_item_bits
    WHERE scale IN ('likert4', 'likert5', 'likert7', 'yesno')
) AS i ON i.survey_id = r.survey_id
WHERE bitAnd(answered, bit) != 0
  AND bitCount(bitAnd(answered, index_items)) > engagement_index
GROUP BY closes_on, item, theme, department, division, grade, employment_type, hire_type, gender, job_family, is_manager, tenure_band

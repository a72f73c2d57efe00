-- Each survey's respondents with the items they answered, the rows of the
-- derived table survey_respondents: a row per respondent of survey_answers
-- and set of attributes they count under (one set, unless the segments of
-- an anonymous respondent's answers differ), with masks of their answers'
-- items (survey_item_bits): answered (a value, free text aside),
-- favorable, unfavorable, and on nps11 items promoters (9-10) and
-- detractors (0-6). mixed marks the rows of a respondent who has more than
-- one, so that readers count such a respondent once.
CREATE VIEW IF NOT EXISTS survey_respondent_source AS
SELECT *, count() OVER (PARTITION BY survey_id, respondent) > 1 AS mixed
FROM
(
    SELECT
        a.survey_id AS survey_id, any(a.closes_on) AS closes_on, a.respondent AS respondent,
        a.department AS department, a.division AS division, a.grade AS grade, a.employment_type AS employment_type,
        a.manager_id AS manager_id, a.hire_type AS hire_type, a.gender AS gender, a.job_family AS job_family,
        a.is_manager AS is_manager, a.tenure_band AS tenure_band,
        groupBitOr(if(a.value >= 0, b.bit, 0)) AS answered,
        groupBitOr(if(a.favorable, b.bit, 0)) AS favorable,
        groupBitOr(if(a.unfavorable, b.bit, 0)) AS unfavorable,
        groupBitOr(if(a.scale = 'nps11' AND a.value >= 9, b.bit, 0)) AS promoters,
        groupBitOr(if(a.scale = 'nps11' AND a.value <= 6, b.bit, 0)) AS detractors
    FROM survey_answers AS a
    INNER JOIN survey_item_bits AS b ON b.survey_id = a.survey_id AND b.item_id = a.item
    GROUP BY survey_id, respondent, department, division, grade, employment_type, manager_id, hire_type, gender, job_family, is_manager, tenure_band
)

-- Each survey's invited count and respondents (those with an answer).
SELECT
    s.survey_id AS survey_id,
    s.invited AS invited,
    s.identified AS identified,
    r.respondents AS respondents
FROM
(
    SELECT survey_id, assumeNotNull(any(invited)) AS invited, any(identified) AS identified
    FROM surveys
    GROUP BY survey_id
) AS s
LEFT JOIN
(
    SELECT survey_id, uniqExact(respondent_id) AS respondents
    FROM survey_responses
    GROUP BY survey_id
) AS r ON r.survey_id = s.survey_id
ORDER BY survey_id

-- The rows of survey_respondents of respondents under more than one set of
-- attributes: drivers read survey_respondents only when there are none
-- (metrics/fast.go).
SELECT countIf(mixed) FROM survey_respondents

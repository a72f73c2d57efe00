-- The key of an unused {key1}, {key2} or {within} of the metric SQL files
-- as a column of survey_respondents, a constant the engine leaves out of a
-- GROUP BY (as in 0046).
ALTER TABLE survey_respondents ADD COLUMN IF NOT EXISTS no_key String ALIAS ''

-- The workforce_fiscal_year_source view kept as a table: headcount,
-- average headcount, attrition and retention of fiscal years are summed
-- from it (metrics/workforce_fy.sql) instead of placing every span in the
-- periods at each query. Rebuilt whenever the committed employee or event
-- batches, or the fiscal year start, change (queries/derived.go).
CREATE TABLE IF NOT EXISTS workforce_fiscal_years
(
    fiscal_year                    UInt16,
    fiscal_year_start              UInt8 COMMENT 'the month the fiscal years start in',
    first_fiscal_year              UInt16 COMMENT 'the fiscal years the table answers: first_fiscal_year to last_fiscal_year',
    last_fiscal_year               UInt16,
    points                         UInt8 COMMENT 'the year''s headcount dates in the span''s employed days',
    at_start                       Bool,
    at_end                         Bool,
    retained                       Bool COMMENT 'counted at the start and employed after the year',
    left_here                      Bool COMMENT 'the span holds the employee''s termination, in the year',
    left_voluntarily               Bool,
    left_regretted                 Bool,
    hired_here                     Bool COMMENT 'the span holds the employee''s hire, in the year',
    first_year_leaver              Bool,
    new_graduate_hire              Bool,
    new_graduate_three_year_leaver Bool,
    department                     LowCardinality(String),
    division                       LowCardinality(String),
    grade                          LowCardinality(String),
    employment_type                LowCardinality(String),
    manager_id                     String,
    hire_type                      LowCardinality(String),
    gender                         LowCardinality(String),
    job_family                     LowCardinality(String),
    is_manager                     LowCardinality(String),
    tenure_band                    LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY (fiscal_year, department)

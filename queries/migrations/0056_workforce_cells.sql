-- The workforce_cell_source view kept as a table. Rebuilt whenever the
-- committed employee or event batches, or the fiscal year start, change
-- (queries/derived.go), after workforce_fiscal_years, which it reads.
CREATE TABLE IF NOT EXISTS workforce_cells
(
    fiscal_year                     UInt16,
    fiscal_year_start               UInt8,
    first_fiscal_year               UInt16,
    last_fiscal_year                UInt16,
    department                      LowCardinality(String),
    division                        LowCardinality(String),
    grade                           LowCardinality(String),
    employment_type                 LowCardinality(String),
    hire_type                       LowCardinality(String),
    gender                          LowCardinality(String),
    job_family                      LowCardinality(String),
    is_manager                      LowCardinality(String),
    tenure_band                     LowCardinality(String),
    points                          UInt64 COMMENT 'the headcount dates of the employees in the cell',
    at_start                        UInt64,
    at_end                          UInt64,
    retained                        UInt64,
    left_here                       UInt64,
    left_voluntarily                UInt64,
    left_regretted                  UInt64,
    hired_here                      UInt64,
    start_and_hires                 UInt64,
    leavers_and_end                 UInt64,
    first_year_leavers              UInt64,
    new_graduate_hires              UInt64,
    new_graduate_three_year_leavers UInt64,
    no_key                          String ALIAS '' COMMENT 'the key of an unused {key1} or {key2} of the metric SQL files'
)
ENGINE = MergeTree
ORDER BY (fiscal_year, department)

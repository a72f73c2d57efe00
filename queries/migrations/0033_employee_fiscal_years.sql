-- The employee_fiscal_year_source view kept as a table: utilization and
-- usage concentration count a fiscal year's employees and users from it,
-- one row each, instead of matching every span to the months of every
-- program used. Rebuilt whenever the committed employee, event or program
-- batches, or the fiscal year start, change (queries/derived.go).
CREATE TABLE IF NOT EXISTS employee_fiscal_years
(
    employee_id       String,
    fiscal_year       UInt16,
    fiscal_year_start UInt8 COMMENT 'the month the fiscal years start in',
    first_fiscal_year UInt16 COMMENT 'the fiscal years the table answers: first_fiscal_year to last_fiscal_year',
    last_fiscal_year  UInt16,
    active            Bool COMMENT 'employed on at least one day of the year',
    whole             Bool COMMENT 'employed on every day of the year',
    department        LowCardinality(String),
    division          LowCardinality(String),
    grade             LowCardinality(String),
    employment_type   LowCardinality(String),
    manager_id        String,
    hire_type         LowCardinality(String),
    gender            LowCardinality(String),
    job_family        LowCardinality(String),
    is_manager        LowCardinality(String),
    tenure_band       LowCardinality(String),
    programs          Array(LowCardinality(String)) COMMENT 'the programs with a qualifying event in the year',
    uses              Array(UInt32) COMMENT 'the qualifying events of each of programs',
    know_uses         UInt32 COMMENT 'the qualifying events of the programs of category know',
    challenge_uses    UInt32,
    learn_uses        UInt32,
    manager_uses      UInt32
)
ENGINE = MergeTree
ORDER BY (fiscal_year, department)

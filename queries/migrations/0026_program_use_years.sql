-- The program_use_source view kept as a table: a period made of whole
-- months asks it whether an employee used a program in the period, or in a
-- month, instead of reading every event. Rebuilt whenever the committed
-- event batches change (queries/derived.go).
CREATE TABLE IF NOT EXISTS program_use_years
(
    employee_id String,
    program_id  String,
    year        UInt16,
    months      UInt16 COMMENT 'bit m-1: a qualifying event in month m'
)
ENGINE = MergeTree
ORDER BY (program_id, year, employee_id)

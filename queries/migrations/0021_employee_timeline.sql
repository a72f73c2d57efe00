-- The employee_history view, kept as a table: the metrics read it at every
-- query, and computing each employee's history from the snapshots every
-- time costs seconds on a large company. It is rebuilt whenever the
-- committed employee batches change (queries/derived.go).
CREATE TABLE IF NOT EXISTS employee_timeline
(
    employee_id      String,
    hire_date        Date32,
    termination_date Nullable(Date32),
    last_day         Date32,
    termination_type String,
    regretted        Bool,
    hire_type        String,
    as_ofs           Array(Date32),
    attributes       Array(Array(String))
)
ENGINE = MergeTree
ORDER BY employee_id

-- Each employee's history, one row per employee, for the metrics: the
-- employment fields from the latest snapshot that lists them, and every
-- snapshot's attributes in date order. An attribute at date D is the one of
-- the latest snapshot on or before D, or of the earliest before the first:
--   attributes[greatest(1, arrayLastIndex(x -> x <= D, as_ofs))]
-- Of two snapshots of one date, the later load wins. The attribute order is
-- fixed (metrics.Dimensions relies on it): department, division, grade,
-- employment_type, manager_id, hire_type, gender, job_family, is_manager.
CREATE VIEW IF NOT EXISTS employee_history AS
SELECT
    employee_id,
    argMax(s_hire_date, as_of) AS hire_date,
    argMax(s_termination_date, as_of) AS termination_date,
    ifNull(argMax(s_termination_date, as_of), toDate32('2299-12-31')) AS last_day,
    argMax(s_termination_type, as_of) AS termination_type,
    ifNull(argMax(s_regretted, as_of), false) AS regretted,
    argMax(s_hire_type, as_of) AS hire_type,
    arraySort(groupArray(as_of)) AS as_ofs,
    arrayMap(x -> x.2, arraySort(x -> x.1, groupArray((as_of, s_attributes)))) AS attributes
FROM
(
    SELECT
        e.employee_id AS employee_id,
        e.as_of AS as_of,
        argMax(e.hire_date, b.started_at) AS s_hire_date,
        argMax(e.termination_date, b.started_at) AS s_termination_date,
        argMax(e.termination_type, b.started_at) AS s_termination_type,
        argMax(e.regretted, b.started_at) AS s_regretted,
        argMax(e.hire_type, b.started_at) AS s_hire_type,
        argMax([toString(e.department), toString(e.division), toString(e.grade), toString(e.employment_type), e.manager_id,
            toString(e.hire_type), toString(e.gender), toString(e.job_family), multiIf(e.is_manager IS NULL, '', e.is_manager, 'true', 'false')],
            b.started_at) AS s_attributes
    FROM employee_snapshots AS e
    INNER JOIN (SELECT batch_id, started_at FROM load_batches FINAL WHERE state = 'committed') AS b
        ON b.batch_id = e.batch_id
    GROUP BY e.employee_id, e.as_of
)
GROUP BY employee_id

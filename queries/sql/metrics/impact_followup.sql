-- Program impact, adjusted and over time: the cohort of impact.sql — the
-- headcount on {start}, users with a qualifying event (any action but
-- 'rejected') of the chosen programs from {start} to {end} — counted per
-- stratum of grade, tenure band and hire type on {start} and per
-- follow-up. left_in_year is impact.sql's leaver: the last day employed
-- before the first anniversary of {start}. The follow-up runs from {start}
-- to the earlier of {follow_to} (the end of the 24 months) and the latest
-- snapshot date, the last day the data vouch for: followed is the days
-- employed in it, counting {start} as day 1, and left that the last day
-- employed falls in it (the employee left after day followed); the others
-- were still employed on its last day (censored). follow_end is that last
-- day; before {start} when the data end before it.
WITH
    (SELECT max(as_of) FROM employee_snapshots) AS latest,
    least({follow_to:Date32}, latest) AS observed_to
SELECT
    used,
    toString(grade) AS grade,
    toString(tenure_band) AS tenure_band,
    toString(hire_type) AS hire_type,
    toUInt32(greatest(0, dateDiff('day', {start:Date32}, least(last_day, observed_to)) + 1)) AS followed,
    last_day <= observed_to AS left,
    last_day < addYears({start:Date32}, 1) AS left_in_year,
    count() AS employees,
    any(observed_to) AS follow_end
FROM
(
    SELECT
        grade, tenure_band, hire_type, last_day,
        employee_id IN (
            SELECT employee_id
            FROM program_events
            WHERE action != 'rejected' AND event_date >= {start:Date32} AND event_date <= {end:Date32}
              AND program_id IN (
                  SELECT program_id FROM program_catalog
                  WHERE has({categories:Array(String)}, toString(category)) OR has({programs:Array(String)}, program_id) OR has({programs:Array(String)}, kind))
        ) AS used
    FROM employee_spans
    WHERE hire_date <= {start:Date32} AND last_day >= {start:Date32}
      AND span_from <= {start:Date32} AND {start:Date32} <= span_to
      AND {attributes:Filter}
)
GROUP BY used, grade, tenure_band, hire_type, followed, left, left_in_year
ORDER BY used, grade, tenure_band, hire_type, followed, left, left_in_year

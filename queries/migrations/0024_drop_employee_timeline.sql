-- employee_timeline (0021) gave way to employee_spans, which the metrics
-- read faster.
DROP TABLE IF EXISTS employee_timeline

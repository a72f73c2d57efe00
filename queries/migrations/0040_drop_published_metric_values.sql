-- published_figures replaced it before anything was written to it.
DROP TABLE IF EXISTS published_metric_values

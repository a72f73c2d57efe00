-- The figures of one metric at one cut of a published version.
SELECT total, position, dimension_values, value, numerator, denominator, respondents, withheld, reason, target, previous, change,
    previous_kind, previous_label, previous_start, previous_end
FROM published_figures
WHERE version = {version:UInt32} AND metric_id = {metric:String} AND program = {program:String} AND cut = {cut:String}
ORDER BY total, position

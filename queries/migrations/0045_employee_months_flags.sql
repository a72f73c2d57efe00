-- The flags employee_month_source now ends with (0044). The table is
-- rebuilt, flags filled, on the next check: it is now built from the
-- program batches too (queries/derived.go), which changes its fingerprint.
ALTER TABLE employee_months
    ADD COLUMN IF NOT EXISTS has_manager Bool COMMENT 'the employee has a manager',
    ADD COLUMN IF NOT EXISTS had_one_on_one Bool COMMENT 'a qualifying event of a program of kind one_on_one in the month'

-- Which months each employee used each program in, a row per employee,
-- program and calendar year: bit m−1 of months is set when the employee has
-- a qualifying event (any action but 'rejected') of the program in month m.
-- The rows of the derived table program_use_years.
CREATE VIEW IF NOT EXISTS program_use_source AS
SELECT
    employee_id,
    program_id,
    toUInt16(toYear(event_date)) AS year,
    groupBitOr(bitShiftLeft(toUInt16(1), toMonth(event_date) - 1)) AS months
FROM program_events
WHERE action != 'rejected'
GROUP BY employee_id, program_id, year

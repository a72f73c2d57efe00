-- The months employee_months holds (none before any data): 1on1 compliance
-- reads the table directly for periods within them (metrics/fast.go).
SELECT min(month) AS first_month, max(month) AS last_month, count() AS months
FROM employee_months

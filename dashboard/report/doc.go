// Package report owns the Excel KPI report for HR: one XLSX workbook of a
// fiscal year with a summary sheet (value, previous year, change, target
// and attainment coloured by real conditional formats), a sheet per area
// with its quarterly table and native Excel charts, the department
// breakdown (streamed, for companies with thousands of departments) and
// the metrics' definitions. Every figure is read through metrics.Figures,
// so the same report is made of the live figures or of a published
// version, and anonymity is the metrics layer's: a withheld figure is
// written as text, never as a number. Names users typed are always written
// as strings, never as formulas.
package report

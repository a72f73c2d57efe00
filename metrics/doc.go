// Package metrics owns careerkpi's KPIs: the registry of every utilization,
// engagement, attrition and program-impact metric (catalog.go, one entry
// each, its SQL in queries/sql/metrics), the fiscal calendar and its periods,
// the dimensions a metric can be cut by, the computation of a metric's
// values through a queries.Store, and anonymity: survey figures from too few
// respondents are withheld here, so every page, export and API call that
// reads metrics inherits the protection.
package metrics

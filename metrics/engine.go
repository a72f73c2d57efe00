package metrics

import (
	"fmt"

	"github.com/careerkpi/careerkpi/queries"
)

// DefaultRegistry returns the registry of Catalog under SPEC's turnover
// formula. The catalog is checked by the tests, so an error here is a
// programming error.
func DefaultRegistry() *Registry { return RegistryFor(TurnoverAverage) }

// Settings shape the figures: the calendar, the anonymity threshold, the
// targets and the turnover formula.
type Settings struct {
	FiscalYearStart int
	TimeZone        string
	Threshold       int
	Targets         Targets
	// TurnoverFormula divides the attrition rates; "" is SPEC's, ÷
	// average headcount.
	TurnoverFormula TurnoverFormula
	// Benchmark is the national new-graduate attrition to compare cohorts
	// with; nil for DefaultBenchmark.
	Benchmark *Benchmark
}

// NewEngine returns an engine over s with the catalog's metrics.
func NewEngine(s queries.Store, set Settings) (*Engine, error) {
	cal, err := NewCalendar(set.FiscalYearStart, set.TimeZone)
	if err != nil {
		return nil, err
	}
	if set.Threshold < MinThreshold {
		return nil, fmt.Errorf("metrics: anonymity threshold %d is below %d", set.Threshold, MinThreshold)
	}
	turnover, err := ParseTurnoverFormula(string(set.TurnoverFormula))
	if err != nil {
		return nil, err
	}
	reg := RegistryFor(turnover)
	for id := range set.Targets {
		if _, err := reg.Lookup(id); err != nil {
			return nil, fmt.Errorf("metrics: targets: %w", err)
		}
	}
	return &Engine{Store: s, Calendar: cal, Registry: reg, Threshold: set.Threshold, Targets: set.Targets, Turnover: turnover, Benchmark: set.Benchmark}, nil
}

// Format writes v in the metric's unit, for people.
func (m *Metric) Format(v *float64) string { return m.Unit.Format(v) }

// Format writes v in the unit, for people; a dash for none.
func (u Unit) Format(v *float64) string {
	if v == nil {
		return "—"
	}
	switch u {
	case Percent:
		return fmt.Sprintf("%.2f%%", *v)
	case Per100, Hours:
		return fmt.Sprintf("%.2f", *v)
	case Points:
		return fmt.Sprintf("%+.1f", *v)
	case Correlation:
		return fmt.Sprintf("%.2f", *v)
	case JPY:
		return fmt.Sprintf("¥%.0f", *v)
	}
	if *v == float64(int64(*v)) {
		return fmt.Sprintf("%.0f", *v)
	}
	return fmt.Sprintf("%.2f", *v)
}

// FormatChange writes a change of the metric's value, for people: signed,
// in percentage points for a percentage.
func (m *Metric) FormatChange(v *float64) string {
	switch {
	case v == nil:
		return "—"
	case m.Unit == Percent:
		return fmt.Sprintf("%+.2f pt", *v)
	case m.Unit == Correlation:
		return fmt.Sprintf("%+.2f", *v)
	case m.Unit == JPY:
		return fmt.Sprintf("%+.0f", *v)
	}
	return fmt.Sprintf("%+.2f", *v)
}

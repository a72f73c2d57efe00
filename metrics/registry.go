package metrics

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/careerkpi/careerkpi/queries"
)

// Unit is what a metric's value measures.
type Unit string

// Units of metric values.
const (
	Percent Unit = "percent" // a share, 0-100
	Per100  Unit = "per100"  // events per 100 employees
	Hours   Unit = "hours"   // hours per employee
	Count   Unit = "count"   // a number of people or events
	JPY     Unit = "jpy"     // yen
	Points  Unit = "points"  // a score from -100 to 100 (eNPS)
	// Correlation is a correlation coefficient, from -1 to 1.
	Correlation Unit = "correlation"
)

// Area is the part of the product a metric belongs to.
type Area string

// Areas of metrics.
const (
	Utilization Area = "utilization"
	Engagement  Area = "engagement"
	Attrition   Area = "attrition"
)

// Metric is one entry of the registry: what a metric means and how it is
// computed. A metric's value in a period and group is Scale × numerator ÷
// denominator (the numerator alone when there is no denominator), times the
// period's annualisation factor when Annualised.
type Metric struct {
	ID             string
	NameJA, NameEN string
	// DefinitionJA and DefinitionEN say in words what the metric counts.
	DefinitionJA, DefinitionEN string
	// Formula is the computation in one line.
	Formula        string
	Unit           Unit
	HigherIsBetter bool
	Area           Area
	// Dimensions are the ids of the dimensions the metric can be cut and
	// filtered by.
	Dimensions []string
	// Survey marks figures made of survey answers: anonymity applies.
	Survey bool
	// Annualised metrics scale periods shorter than a year up to a year.
	Annualised bool
	// Turnover is the formula an attrition rate divides by (CatalogWith);
	// "" for every other metric.
	Turnover TurnoverFormula
	// NeedsProgram marks metrics of one program the request names.
	NeedsProgram bool
	// Per is a dimension every request must break the metric down by: a
	// driver is the correlation of one item with the index.
	Per string
	Terms
	Scale float64
	// Filters always apply, before any the request adds (dimension id →
	// values).
	Filters map[string][]string
}

// Terms are a metric's numerator and its denominator, if it has one.
type Terms struct {
	Numerator   Term
	Denominator *Term
}

// Term is a numerator or denominator: a column of an SQL file's result
// (queries/sql/<Query>.sql), or the difference of two ("a-b"), with the
// parameters that choose the programs, actions or survey items.
type Term struct {
	Query  string
	Column string
	Params queries.Params
}

// terms returns the numerator, then the denominator if there is one.
func (t Terms) terms() []Term {
	if t.Denominator == nil {
		return []Term{t.Numerator}
	}
	return []Term{t.Numerator, *t.Denominator}
}

// columns returns the column Term.Column adds and the one it subtracts.
func (t Term) columns() (plus, minus string) {
	plus, minus, _ = strings.Cut(t.Column, "-")
	return plus, minus
}

// Registry is the catalog of metrics, in display order.
type Registry struct {
	metrics []*Metric
	byID    map[string]*Metric
}

// NewRegistry validates ms and returns them as a registry: ids unique and
// well formed, names and definitions in both languages, dimensions known,
// and every term's SQL file present with the column it names.
func NewRegistry(ms []*Metric) (*Registry, error) {
	r := &Registry{byID: map[string]*Metric{}}
	for _, m := range ms {
		if err := m.validate(); err != nil {
			return nil, err
		}
		if r.byID[m.ID] != nil {
			return nil, fmt.Errorf("metrics: metric %s is defined twice", m.ID)
		}
		r.byID[m.ID] = m
		r.metrics = append(r.metrics, m)
	}
	return r, nil
}

func (m *Metric) validate() error {
	if !identifier(m.ID) {
		return fmt.Errorf("metrics: %q is not a metric id (lowercase letters, digits and _)", m.ID)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("metrics: metric %s: %s", m.ID, fmt.Sprintf(format, args...))
	}
	if m.NameJA == "" || m.NameEN == "" || m.DefinitionJA == "" || m.DefinitionEN == "" || m.Formula == "" {
		return fail("names, definitions and formula are required in both languages")
	}
	switch m.Unit {
	case Percent, Per100, Hours, Count, JPY, Points, Correlation:
	default:
		return fail("unknown unit %q", m.Unit)
	}
	if m.Scale == 0 {
		return fail("scale must not be 0")
	}
	for _, d := range m.Dimensions {
		dim, ok := DimensionByID(d)
		if !ok {
			return fail("unknown dimension %q", d)
		}
		if dim.SurveyOnly && !m.Survey {
			return fail("dimension %s applies to survey metrics only", d)
		}
	}
	if m.Per != "" && !slices.Contains(m.Dimensions, m.Per) {
		return fail("it is computed per %s, which is not one of its dimensions", m.Per)
	}
	for d := range m.Filters {
		if _, ok := DimensionByID(d); !ok {
			return fail("unknown filter dimension %q", d)
		}
	}
	// The parameters that cut and filter it (cutParams) for every attribute
	// it can be cut or filtered by: a statement without one would ignore
	// that filter.
	cut := []string{"key1", "key2", "keys"}
	for _, id := range append(slices.Clone(m.Dimensions), slices.Collect(maps.Keys(m.Filters))...) {
		if d, _ := DimensionByID(id); d.Column != "" && !slices.Contains(cut, d.Column+"_in") {
			cut = append(cut, d.Column+"_in")
		}
	}
	for _, t := range m.terms() {
		if err := t.validate(cut); err != nil {
			return fail("%v", err)
		}
	}
	return nil
}

// validate checks that the term's SQL file exists, gives its columns, and
// takes its parameters and those of cut.
func (t Term) validate(cut []string) (err error) {
	defer func() {
		if recover() != nil {
			err = fmt.Errorf("no SQL file queries/sql/%s.sql", t.Query)
		}
	}()
	sql := queries.SQL(t.Query)
	plus, minus := t.columns()
	for _, c := range []string{plus, minus} {
		if c != "" && !strings.Contains(sql, " AS "+c+"\n") && !strings.Contains(sql, " AS "+c+",") {
			return fmt.Errorf("%s.sql has no column %s", t.Query, c)
		}
	}
	names := map[string]bool{}
	for _, p := range queries.Placeholders(sql) {
		names[p.Name] = true
		if p == (queries.Placeholder{Name: attributeFilter, Type: "Filter"}) {
			// bound writes the attributes' {<column>_in} in its place
			for _, d := range Dimensions {
				if d.attribute() {
					names[d.Column+"_in"] = true
				}
			}
		}
	}
	for _, name := range append(slices.Sorted(maps.Keys(t.Params)), cut...) {
		if !names[name] {
			return fmt.Errorf("%s.sql has no parameter {%s}", t.Query, name)
		}
	}
	return nil
}

func identifier(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// All returns the metrics in display order.
func (r *Registry) All() []*Metric { return slices.Clone(r.metrics) }

// Get returns the metric with the given id.
func (r *Registry) Get(id string) (*Metric, bool) {
	m, ok := r.byID[id]
	return m, ok
}

// Lookup returns the metric with the given id, or an error that suggests
// the closest id.
func (r *Registry) Lookup(id string) (*Metric, error) {
	if m, ok := r.byID[id]; ok {
		return m, nil
	}
	best, dist := "", 1<<30
	for _, m := range r.metrics {
		if d := editDistance(id, m.ID); d < dist {
			best, dist = m.ID, d
		}
	}
	if best != "" && dist <= len(id)/2+1 {
		return nil, fmt.Errorf("metrics: no metric %q (did you mean %s? `careerkpi metrics list` shows them all)", id, best)
	}
	return nil, fmt.Errorf("metrics: no metric %q (`careerkpi metrics list` shows them all)", id)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

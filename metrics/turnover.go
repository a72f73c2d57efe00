package metrics

import (
	"fmt"
	"slices"
	"strings"
)

// TurnoverFormula is how a company divides its separations into a turnover
// rate. SPEC's is the default; the others are the ones Japanese and
// international disclosures use. It is set once per company (config
// turnover_formula), named beside every attrition rate, and frozen with
// each published version.
type TurnoverFormula string

// The turnover formulas.
const (
	// TurnoverAverage: separations ÷ average headcount (SPEC).
	TurnoverAverage TurnoverFormula = "average_headcount"
	// TurnoverStart: separations ÷ headcount on the period's first day.
	TurnoverStart TurnoverFormula = "start_headcount"
	// TurnoverStartHires: separations ÷ (headcount at the start + hires
	// after the first day): everyone employed at some point of the period.
	TurnoverStartHires TurnoverFormula = "start_plus_hires"
	// TurnoverLeaversEnd: leavers ÷ (leavers + the headcount on the
	// period's last day who stay on): everyone employed at some point of
	// the period too, counted from its end.
	TurnoverLeaversEnd TurnoverFormula = "leavers_plus_end"
)

type turnoverSpec struct {
	id                   TurnoverFormula
	column               string
	ja, en               string // the denominator, in definitions
	formulaJA, formulaEN string // the denominator, in formulas
}

// turnoverFormulas describe each formula: the workforce.sql column of its
// denominator and the denominator's words.
var turnoverFormulas = []turnoverSpec{
	{TurnoverAverage, "average_headcount", "平均在籍者数", "average headcount", "÷ 平均在籍者数", "÷ average headcount"},
	{TurnoverStart, "headcount_start", "期首在籍者数", "headcount at the period start", "÷ 期首在籍者数", "÷ headcount at the period start"},
	{TurnoverStartHires, "start_and_hires", "（期首在籍者数 + 期中入社者数）", "(headcount at the period start + later hires)",
		"÷ (期首在籍者数 + 期中入社者数)", "÷ (headcount at the period start + later hires)"},
	{TurnoverLeaversEnd, "leavers_and_end", "（期中退職者数 + 期末在籍者数）", "(terminations in the period + headcount at the period end who stay on)",
		"÷ (期中退職者数 + 期末在籍者数)", "÷ (terminations + headcount at the period end who stay on)"},
}

// turnoverMetrics are the metrics the formula divides.
var turnoverMetrics = []string{"attrition_rate", "voluntary_attrition_rate", "regretted_attrition_rate"}

// ParseTurnoverFormula returns the formula named s; "" is the default.
func ParseTurnoverFormula(s string) (TurnoverFormula, error) {
	if s == "" {
		return TurnoverAverage, nil
	}
	var ids []string
	for _, f := range turnoverFormulas {
		if string(f.id) == s {
			return f.id, nil
		}
		ids = append(ids, string(f.id))
	}
	return "", fmt.Errorf("metrics: turnover formula %q is not one of %s", s, strings.Join(ids, ", "))
}

// spec is the index of f's description; the default's for "".
func (f TurnoverFormula) spec() int {
	i := slices.IndexFunc(turnoverFormulas, func(t turnoverSpec) bool { return t.id == f })
	return max(i, 0) // "" is the default, the first
}

// NameJA and NameEN say the formula in words, as pages and reports name it
// beside the rates: "退職者数 ÷ 平均在籍者数".
func (f TurnoverFormula) NameJA() string {
	return "退職者数 " + turnoverFormulas[f.spec()].formulaJA
}

// NameEN is the formula in English.
func (f TurnoverFormula) NameEN() string {
	return "separations " + turnoverFormulas[f.spec()].formulaEN
}

// ID is the formula's configuration name; the default for "".
func (f TurnoverFormula) ID() TurnoverFormula { return turnoverFormulas[f.spec()].id }

// CatalogWith returns the catalog with the attrition rates divided by the
// formula's denominator, their definitions saying so.
func CatalogWith(f TurnoverFormula) []*Metric {
	t := turnoverFormulas[f.spec()]
	out := slices.Clone(Catalog)
	for i, m := range out {
		if !slices.Contains(turnoverMetrics, m.ID) {
			continue
		}
		c := *m
		c.Turnover = t.id
		c.Terms.Denominator = &Term{Query: sqlWorkforce, Column: t.column}
		c.DefinitionJA = strings.Replace(c.DefinitionJA, "平均在籍者数", t.ja, 1)
		c.DefinitionEN = strings.Replace(c.DefinitionEN, "average headcount", t.en, 1)
		c.Formula = strings.Replace(c.Formula, "÷ average headcount", t.formulaEN, 1)
		out[i] = &c
	}
	return out
}

// RegistryFor returns the registry of the catalog under formula f.
func RegistryFor(f TurnoverFormula) *Registry {
	r, err := NewRegistry(CatalogWith(f))
	if err != nil {
		panic(err) // the catalog is checked by the tests
	}
	return r
}

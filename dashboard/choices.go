package dashboard

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/users"
)

// choices are what the filters offer, read from the data: the departments
// and the division each belongs to, the grades, employment types, survey
// themes and programs, and the latest snapshot date.
type choices struct {
	Departments     []string
	DivisionOf      map[string]string
	Divisions       []string
	Grades          []string
	EmploymentTypes []string
	Themes          []string
	Programs        []program
	Items           map[string]item
	Latest          time.Time
}

// item is a survey item as the pages name it.
type item struct {
	ID     string `ch:"item_id"`
	TextJA string `ch:"text_ja"`
	TextEN string `ch:"text_en"`
	Theme  string `ch:"theme"`
}

// program is an entry of the program catalog.
type program struct {
	ID       string `ch:"program_id"`
	Kind     string `ch:"kind"`
	Category string `ch:"category"`
	NameJA   string `ch:"name_ja"`
	NameEN   string `ch:"name_en"`
	Builtin  bool   `ch:"builtin"`
}

// choiceCache keeps the choices of the current version of the data.
type choiceCache struct {
	mu      sync.Mutex
	version string
	c       *choices
}

func (d *Dashboard) choices(ctx context.Context) (*choices, error) {
	version, err := d.engine.Current(ctx)
	if err != nil {
		return nil, err
	}
	return d.choicesAt(ctx, version)
}

// choicesAt returns the choices of the data at version.
func (d *Dashboard) choicesAt(ctx context.Context, version string) (*choices, error) {
	cc := d.choiceCache
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.c != nil && cc.version == version {
		return cc.c, nil
	}
	type option struct {
		Kind   string `ch:"kind"`
		Value  string `ch:"value"`
		Parent string `ch:"parent"`
	}
	opts, err := queries.Select[option](ctx, d.store, queries.SQL("dashboard_options"), nil)
	if err != nil {
		return nil, err
	}
	c := &choices{DivisionOf: map[string]string{}}
	for _, o := range opts {
		switch o.Kind {
		case "department":
			c.Departments = append(c.Departments, o.Value)
			c.DivisionOf[o.Value] = o.Parent
		case "division":
			c.Divisions = append(c.Divisions, o.Value)
		case "grade":
			c.Grades = append(c.Grades, o.Value)
		case "employment_type":
			c.EmploymentTypes = append(c.EmploymentTypes, o.Value)
		case "theme":
			c.Themes = append(c.Themes, o.Value)
		case "latest":
			c.Latest, _ = time.Parse(time.DateOnly, o.Value)
		}
	}
	for _, s := range [][]string{c.Departments, c.Divisions, c.Grades, c.EmploymentTypes, c.Themes} {
		slices.Sort(s)
	}
	if c.Programs, err = queries.Select[program](ctx, d.store, queries.SQL("dashboard_programs"), nil); err != nil {
		return nil, err
	}
	items, err := queries.Select[item](ctx, d.store, queries.SQL("dashboard_items"), nil)
	if err != nil {
		return nil, err
	}
	c.Items = map[string]item{}
	for _, it := range items {
		c.Items[it.ID] = it
	}
	cc.version, cc.c = version, c
	return c, nil
}

// latestFiscalYear is the fiscal year the pages open on: the year of the
// latest snapshot, or the current one before any data.
func (c *choices) latestFiscalYear(cal metrics.Calendar) int {
	if c.Latest.IsZero() {
		return cal.FiscalYearOf(cal.Today(time.Now()))
	}
	return cal.FiscalYearOf(c.Latest)
}

// scope is what a user may see: every department, or those of a
// department head's department or division.
type scope struct {
	All bool
	// Dimension is department or division, and Value its value, for a
	// department head.
	Dimension, Value string
	// Departments are the departments in the scope.
	Departments []string
}

func scopeOf(u *users.User, c *choices) scope {
	if u.Role != users.DepartmentHead {
		return scope{All: true, Departments: c.Departments}
	}
	s := scope{Dimension: "department", Value: u.Scope}
	if slices.Contains(c.Divisions, u.Scope) {
		s.Dimension = "division"
		for _, dep := range c.Departments {
			if c.DivisionOf[dep] == u.Scope {
				s.Departments = append(s.Departments, dep)
			}
		}
	} else if slices.Contains(c.Departments, u.Scope) {
		s.Departments = []string{u.Scope}
	}
	return s
}

// filter is the filter every figure of the scope's user carries.
func (s scope) filter() (metrics.Filter, bool) {
	if s.All {
		return metrics.Filter{}, false
	}
	return metrics.Filter{Dimension: s.Dimension, Values: []string{s.Value}}, true
}

// allows reports whether the scope holds a department.
func (s scope) allows(department string) bool {
	return s.All || slices.Contains(s.Departments, department)
}

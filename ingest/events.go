package ingest

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/careerkpi/careerkpi/catalog"
)

// The fields parse reads.
var (
	evEventID       = eventsDataset.mustField("event_id")
	evEmployeeID    = eventsDataset.mustField("employee_id")
	evEventDate     = eventsDataset.mustField("event_date")
	evAction        = eventsDataset.mustField("action")
	evHours         = eventsDataset.mustField("hours")
	evCostJPY       = eventsDataset.mustField("cost_jpy")
	evCounterpartID = eventsDataset.mustField("counterpart_id")
	evProgram       = eventsDataset.mustField("program")
)

// eventRow is a row of raw_program_events.
type eventRow struct {
	BatchID       uuid.UUID `ch:"batch_id"`
	EventID       string    `ch:"event_id"`
	EmployeeID    string    `ch:"employee_id"`
	ProgramID     string    `ch:"program_id"`
	EventDate     time.Time `ch:"event_date"`
	Action        string    `ch:"action"`
	Hours         *float64  `ch:"hours"`
	CostJPY       *int64    `ch:"cost_jpy"`
	CounterpartID string    `ch:"counterpart_id"`
	SourceLine    uint32    `ch:"source_line"`
}

func (e *eventRow) key(b []byte) []byte {
	b = appendStrings(b, e.EventID, e.EmployeeID, e.ProgramID, e.Action, e.CounterpartID)
	b = appendDate(b, e.EventDate)
	b = appendOptFloat(b, e.Hours)
	return appendOptInt(b, e.CostJPY)
}

// employment is an employee's span of employment, from the HR master.
type employment struct {
	Hire        time.Time
	Termination *time.Time
}

// events parses program events.
type events struct {
	batch uuid.UUID
	// programs resolves what a file names a program by — its id, its
	// kind, its name — to its id.
	programs   map[string]string
	resolved   map[string]string // the names met so far and their ids
	known      string            // the programs, for a message
	employment map[string]employment
	// masterLoaded is false when no HR master is loaded: then no event
	// is checked against it.
	masterLoaded bool
}

// newEvents prepares the program lookup from the built-in catalog and the
// company's programs.
func newEvents(batch uuid.UUID, progs []catalog.Program, emp map[string]employment) *events {
	e := &events{batch: batch, programs: map[string]string{}, resolved: map[string]string{}, employment: emp, masterLoaded: len(emp) > 0}
	add := func(name, id string) {
		if k := headerKey(name); k != "" {
			if _, taken := e.programs[k]; !taken {
				e.programs[k] = id
			}
		}
	}
	var ids []string
	for _, p := range progs {
		add(p.ID, p.ID)
		ids = append(ids, p.ID)
	}
	for _, p := range progs {
		add(p.NameJA, p.ID)
		add(p.NameEN, p.ID)
	}
	for _, k := range catalog.Kinds {
		// A kind names the company's program of that kind when there is
		// one, else the built-in program.
		id := k.ID
		for _, p := range progs {
			if p.Kind == k.ID && p.ID != k.ID {
				id = p.ID
				break
			}
		}
		for _, l := range k.Labels {
			add(l, id)
		}
	}
	e.known = strings.Join(ids, ", ")
	return e
}

// fork returns a parser that shares e's lookups, for another worker.
func (e *events) fork() *events {
	c := *e
	c.resolved = map[string]string{}
	return &c
}

func (e *events) parse(r *row, emit func(eventRow)) {
	out := eventRow{
		BatchID:       e.batch,
		EventID:       r.text(evEventID),
		EmployeeID:    r.required(evEmployeeID),
		EventDate:     r.requiredDate(evEventDate),
		Action:        r.enum(evAction),
		Hours:         r.number(evHours),
		CostJPY:       r.integer(evCostJPY),
		CounterpartID: r.text(evCounterpartID),
		SourceLine:    uint32(r.rec.Line),
	}
	if out.Action == "" && r.raw(evAction) == "" {
		out.Action = "participated"
	}
	if name := r.required(evProgram); name != "" {
		id, ok := e.resolved[name]
		if !ok {
			if id, ok = e.programs[headerKey(name)]; ok {
				e.resolved[strings.Clone(name)] = id
			}
		}
		if !ok {
			r.errorf(evProgram, "program %q is not in the catalog (%s); load it with `careerkpi load programs` or name a kind", name, e.known)
		}
		out.ProgramID = id
	}
	if h := out.Hours; h != nil && *h < 0 {
		r.errorf(evHours, "hours %g is negative", *h)
	}
	if c := out.CostJPY; c != nil && *c < 0 {
		r.errorf(evCostJPY, "cost %d is negative", *c)
	}
	if e.masterLoaded && out.EmployeeID != "" && !out.EventDate.IsZero() {
		emp, ok := e.employment[out.EmployeeID]
		switch {
		case !ok:
			r.warnf(evEmployeeID, "employee %s is not in the HR master", out.EmployeeID)
		case out.EventDate.Before(emp.Hire) || emp.Termination != nil && out.EventDate.After(*emp.Termination):
			r.warnf(evEventDate, "%s is outside the employment of %s (%s)", out.EventDate.Format(time.DateOnly), out.EmployeeID, emp)
		}
	}
	emit(out)
}

func (e employment) String() string {
	if e.Termination == nil {
		return fmt.Sprintf("hired %s", e.Hire.Format(time.DateOnly))
	}
	return fmt.Sprintf("hired %s, left %s", e.Hire.Format(time.DateOnly), e.Termination.Format(time.DateOnly))
}

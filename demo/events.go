package demo

import (
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// The actions of program events.
const (
	actParticipated = iota
	actApplied
	actApproved
	actRejected
	actSelected
	actTransferred
	actCompleted
)

var actionNames = []string{"participated", "applied", "approved", "rejected", "selected", "transferred", "completed"}

// event is one row of the events file.
type event struct {
	date        day
	counterpart int32 // -1 for none
	cost        int32 // -1 for none
	hours       float32
	prog        uint8
	action      uint8
}

var eventHeader = []string{"employee_id", "program", "event_date", "action", "hours", "cost_jpy", "counterpart_id", "event_id"}

// eventWriters write one events file per reported fiscal year.
func (c *company) eventWriters(dir string) []writer {
	var ws []writer
	for k := 1; k < len(c.fys); k++ {
		fy := c.fys[k]
		if fy.start > c.now {
			continue
		}
		path := filepath.Join(dir, "events_FY"+strconv.Itoa(fy.year)+".csv")
		ws = append(ws, writer{cost: float64(len(c.people)) * 40, write: func() (File, error) { return c.writeEvents(path, k) }})
	}
	return ws
}

// writeEvents streams the events of fiscal year k, person by person.
func (c *company) writeEvents(path string, k int) (File, error) {
	w, err := createCSV(path, utf8Plain)
	if err != nil {
		return File{}, err
	}
	if err := w.header(eventHeader...); err != nil {
		return File{}, w.abort(err)
	}
	fy := c.fys[k]
	r := newRNG()
	evs := make([]event, 0, 256)
	seq := 0
	prefix := []byte("EV" + strconv.Itoa(fy.year) + "-")
	for i := range c.people {
		p := &c.people[i]
		if p.state(k) == nil {
			continue
		}
		s, e := max(p.hire, fy.start), min(p.term, fy.end, c.now)
		if s > e {
			continue
		}
		r.seed(c.seed, streamEvents, uint64(i), uint64(k))
		evs = c.personEvents(evs[:0], int32(i), k, s, e, r)
		slices.SortStableFunc(evs, func(a, b event) int { return int(a.date - b.date) })
		for _, ev := range evs {
			seq++
			w.raw(func(b []byte) []byte { return appendEmployeeID(b, int32(i)) })
			w.text(programs[ev.prog].id)
			w.raw(ev.date.iso)
			w.text(actionNames[ev.action])
			if ev.hours > 0 {
				w.raw(func(b []byte) []byte { return strconv.AppendFloat(b, float64(ev.hours), 'f', -1, 32) })
			} else {
				w.empty()
			}
			if ev.cost >= 0 {
				w.raw(func(b []byte) []byte { return strconv.AppendInt(b, int64(ev.cost), 10) })
			} else {
				w.empty()
			}
			if ev.counterpart >= 0 {
				w.raw(func(b []byte) []byte { return appendEmployeeID(b, ev.counterpart) })
			} else {
				w.empty()
			}
			w.raw(func(b []byte) []byte { return appendSeq(append(b, prefix...), seq) })
			if err := w.end(); err != nil {
				return File{}, w.abort(err)
			}
		}
	}
	return File{Dataset: "events", Path: path}, w.close()
}

// appendSeq appends n with at least seven digits.
func appendSeq(b []byte, n int) []byte {
	for x := 1000000; x > 1 && n < x; x /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// Certification subsidies: exam fees and course fees the company pays.
var certCosts = []int32{5500, 7500, 7500, 7810, 8200, 11000, 14500, 15000, 22000, 30000, 50000, 100000}

// Reskilling courses have one to three sessions of a few hours.
var (
	reskillSessions = []float64{0.5, 0.3, 0.2}
	reskillHours    = []float32{2, 3, 3.5, 4}
)

// E-learning sessions last a quarter of an hour to an hour and a half.
var elearnHours = []float32{0.25, 0.5, 0.5, 0.5, 0.75, 1, 1, 1.5}

// personEvents appends the events of person i in year k, employed from s
// to e that year.
func (c *company) personEvents(evs []event, i int32, k int, s, e day, r *rng) []event {
	p := &c.people[i]
	st := p.state(k)
	fy := c.fys[k]
	t := k - 1
	dp := &c.depts[st.dept]
	add := func(d day, prog, action int, hours float32, cost int32, counterpart int32) {
		evs = append(evs, event{date: d, prog: uint8(prog), action: uint8(action), hours: hours, cost: cost, counterpart: counterpart})
	}
	span := float64(e-s+1) / float64(fy.end-fy.start+1)

	// 1on1s with the manager, month by month.
	q := dp.oneOnOne * float64(p.oneOnOne) * (0.95 + 0.02*float64(t))
	if st.mgr {
		q *= 0.85
	}
	for m := fy.start; m <= fy.end; m = m.monthEnd() + 1 {
		lo, hi := max(m, s), min(m.monthEnd(), e)
		if lo > hi {
			continue
		}
		boss := c.managerAt(i, k, lo+(hi-lo)/2)
		if boss < 0 {
			continue
		}
		qm := q * math.Min(1, float64(hi-lo+1)/15)
		if !r.chance(qm) {
			continue
		}
		n := 1
		if !dp.low && r.chance(0.12) {
			n = 2
		}
		for range n {
			d := r.weekdayBetween(lo, hi)
			if m := c.managerAt(i, k, d); m >= 0 {
				boss = m
			}
			add(d, progOneOnOne, actParticipated, 0, -1, boss)
		}
	}
	u := st.use
	// Career interviews with the manager, once or twice a year.
	if u&useCareer != 0 {
		n := 1
		if e-s > 150 && r.chance(0.35) {
			n = 2
		}
		for range n {
			d := r.weekdayBetween(s, e)
			add(d, progCareer, actParticipated, 0, -1, c.managerAt(i, k, d))
		}
	}
	if u&useStrengths != 0 {
		hi := e
		if p.hire >= fy.start {
			hi = min(e, s+60)
		}
		add(r.weekdayBetween(s, hi), progStrengths, actCompleted, 0, -1, -1)
	}
	// Applications: internal posting, FA and side jobs.
	if a := c.apps[appKey(i, k)]; a != nil {
		for _, x := range []struct {
			ch       challenge
			prog     int
			yes, no  int
			selected bool
		}{{a.posting, progPosting, actSelected, actRejected, true}, {a.fa, progFA, actSelected, actRejected, true}, {a.sideJob, progSideJob, actApproved, actRejected, false}} {
			if x.ch.applied == 0 || x.ch.applied < s || x.ch.applied > e {
				continue
			}
			add(x.ch.applied, x.prog, actApplied, 0, -1, -1)
			if x.ch.decided <= e {
				act := x.no
				if x.ch.ok {
					act = x.yes
				}
				add(x.ch.decided, x.prog, act, 0, -1, -1)
			}
		}
	}
	if a := c.apps[appKey(i, k-1)]; a != nil && s == fy.start && p.hire < fy.start {
		if a.posting.ok {
			add(fy.start, progPosting, actTransferred, 0, -1, -1)
		} else if a.fa.ok {
			add(fy.start, progFA, actTransferred, 0, -1, -1)
		}
	}
	// DX Academy: a cohort of six monthly sessions of three hours from
	// June or October; the fee is paid on enrolment.
	if u&useDX != 0 {
		from := dayOf(fy.year, time.June, 1)
		if s > from || r.chance(0.4) {
			from = dayOf(fy.year, time.October, 1)
		}
		if from >= s {
			m := from
			for n := range 6 {
				d := r.weekdayBetween(m, m+9)
				if d > e {
					break
				}
				cost := int32(-1)
				if n == 0 {
					cost = 150000
				}
				add(d, progDX, actParticipated, 3, cost, -1)
				if n == 5 && d+14 <= e {
					add(r.weekdayBetween(d+7, d+14), progDX, actCompleted, 0, -1, -1)
				}
				m = m.monthEnd() + 1
			}
		}
	}
	if u&useReskill != 0 {
		n := 1 + r.pick(reskillSessions)
		for range n {
			hours := reskillHours[r.IntN(len(reskillHours))]
			add(r.weekdayBetween(s, e), progReskill, actParticipated, hours, int32(15000+5000*r.IntN(6)), -1)
		}
	}
	if u&useCert != 0 {
		n := 1
		if r.chance(0.15) {
			n = 2
		}
		for range n {
			add(r.weekdayBetween(s, e), progCert, actCompleted, 0, certCosts[r.IntN(len(certCosts))], -1)
		}
	}
	// E-learning: many short sessions, a few people doing most of them.
	if u&useELearn != 0 {
		mean := c.size.elearn
		mu := math.Log(mean) - 0.45
		n := int(math.Round(math.Exp(mu+0.95*r.NormFloat64()) * span))
		n = min(max(n, 1), 400)
		for range n {
			act := actParticipated
			if r.chance(0.1) {
				act = actCompleted
			}
			add(r.between(s, e), progELearn, act, elearnHours[r.IntN(len(elearnHours))], -1, -1)
		}
	}
	// Managers' 1on1 training, in late spring.
	if u&useManager != 0 {
		lo, hi := max(s, dayOf(fy.year, time.May, 10)), min(e, dayOf(fy.year, time.July, 31))
		if lo <= hi {
			add(r.weekdayBetween(lo, hi), progManager, actParticipated, 6, 30000, -1)
		}
	}
	return evs
}

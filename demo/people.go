package demo

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"
)

// Employment types, hire types and termination types, as HR writes them.
const (
	empRegular = iota
	empContract
	empPart
)

var empNames = []string{"正社員", "契約社員", "パート"}

const (
	termNone = iota
	termVoluntary
	termInvoluntary
	termRetirement
	termOther
)

var termNames = []string{"", "自己都合", "会社都合", "定年", "その他"}

// The programs a person uses in a fiscal year, as bits of yearState.use.
const (
	useCareer uint16 = 1 << iota
	useStrengths
	usePosting
	useFA
	useSideJob
	useDX
	useReskill
	useCert
	useELearn
	useManager
)

// person is an employee, past or present.
type person struct {
	birth, hire, term day // term is never while employed
	family, given     uint8
	female, newGrad   bool
	emp, termType     uint8
	regretted         bool
	strengths         int8 // the fiscal year index of the self-assessment, or -1
	gradeSince        int8 // the fiscal year index since which the grade holds
	first             int8 // the fiscal year index of years[0]
	// autonomy is how much the person takes charge of their career: it
	// raises their use of the programs and their engagement.
	autonomy float32
	frailty  float32 // factor on the risk of leaving
	eng      float32 // engagement, before the department and the year
	oneOnOne float32 // factor on the 1on1s their manager holds
	years    []yearState
}

// yearState is a person's place in a fiscal year: as of its April 1, or
// of their hire date when hired during the year.
type yearState struct {
	boss  int32 // their manager, or -1
	dept  int16
	grade int8 // 1–6
	mgr   bool
	use   uint16
}

// state returns the person's place in fiscal year k, or nil.
func (p *person) state(k int) *yearState {
	i := k - int(p.first)
	if i < 0 || i >= len(p.years) {
		return nil
	}
	return &p.years[i]
}

// last returns the person's place in the last year they were employed.
func (p *person) last() *yearState { return &p.years[len(p.years)-1] }

func (p *person) active(d day) bool { return p.hire <= d && d <= p.term }

// employeeID is the 社員番号 of the i-th person, in order of hiring.
func employeeID(i int) string { return strconv.Itoa(100001 + i) }

func appendEmployeeID(b []byte, i int32) []byte { return strconv.AppendInt(b, int64(100001+i), 10) }

// challenge is an application to a program of the challenge category.
type challenge struct {
	applied, decided day // decided is never while pending
	ok               bool
}

// applications are a person's applications in one fiscal year.
type applications struct {
	posting, fa, sideJob challenge
}

// company is the simulated company: its organisation and everyone who
// worked there from the year before the first reported fiscal year on.
type company struct {
	seed   uint64
	size   sizePlan
	now    day
	fys    []fiscalYear // fys[0] is the year before the first reported one
	divs   []division
	depts  []dept
	people []person
	apps   map[uint64]*applications // by appKey
	heads  [][]int32                // [year][dept]: the department head
	divHds [][]int32                // [year][division]: the division head
	mgrs   [][][]int32              // [year][dept]: the managers
	target []float64                // [year]: the headcount aimed at for its end
	r      *rng
}

// reported is the number of fiscal years the data covers.
const reported = 5

func appKey(pid int32, k int) uint64 { return uint64(pid)<<8 | uint64(k) }

// Per-program effects of the grade (G1–G6) on the log-odds of use: most
// programs are used by the senior grades, side jobs by the middle ones.
var (
	gradeCareer  = [7]float64{0, -0.8, -0.5, -0.1, 0.3, 0.7, 0.9}
	gradeTrain   = [7]float64{0, -0.7, -0.2, 0.2, 0.4, 0.5, 0.2}
	gradeSideJob = [7]float64{0, -1.2, 0.5, 0.4, 0, -0.5, -1.2}
	gradePosting = [7]float64{0, 0, 0.2, 0.3, 0.1, -0.2, 0}
	gradeELearn  = [7]float64{0, -0.4, -0.2, 0.1, 0.3, 0.5, 0.5}
	gradeCert    = [7]float64{0, -0.3, 0.2, 0.3, 0.1, -0.3, -0.6}
)

// The share of employees using a program in each reported fiscal year,
// before grade and autonomy: the programs are being rolled out.
var (
	baseCareer  = [reported]float64{0.12, 0.2, 0.3, 0.4, 0.5}
	baseSideJob = [reported]float64{0, 0.025, 0.035, 0.045, 0.055}
	baseDX      = [reported]float64{0, 0.03, 0.04, 0.05, 0.06}
	baseReskill = [reported]float64{0.06, 0.08, 0.1, 0.12, 0.14}
	baseELearn  = [reported]float64{0.28, 0.32, 0.36, 0.4, 0.44}
)

// The factors on the risk of leaving for the year a program is used.
const (
	riskCareer          = 0.65
	riskTraining        = 0.55
	riskSideJob         = 2.0
	riskFA              = 2.5
	riskPostingSelected = 0.6
	riskPostingRejected = 1.5
	riskCert            = 0.8
)

// growth is the yearly growth of the headcount.
const growth = 1.015

// simulate runs the company from the April 1 before the first reported
// fiscal year to now.
func simulate(seed uint64, sp sizePlan, now day) *company {
	c := &company{seed: seed, size: sp, now: now, apps: map[uint64]*applications{}, r: newRNG(seed, streamCompany)}
	c.divs, c.depts = organise(sp, c.r)
	last := fiscalYearOf(now)
	for y := last - reported; y <= last; y++ {
		c.fys = append(c.fys, newFiscalYear(y))
	}
	n0 := float64(sp.headcount) / math.Pow(growth, float64(len(c.fys)))
	for k := range c.fys {
		c.target = append(c.target, n0*math.Pow(growth, float64(k+1)))
	}
	c.initial(int(math.Round(n0)))
	for k := range c.fys {
		if k > 0 {
			c.april(k)
		}
		c.organiseYear(k)
		c.year(k)
	}
	return c
}

// initial creates the people employed on the first April 1.
func (c *company) initial(n int) {
	r, start := c.r, c.fys[0].start
	y0 := c.fys[0].year
	ageBands := []struct {
		lo, hi int
		w      float64
	}{{22, 29, 0.2}, {30, 39, 0.24}, {40, 49, 0.28}, {50, 59, 0.22}, {60, 64, 0.06}}
	bandW := make([]float64, len(ageBands))
	for i, b := range ageBands {
		bandW[i] = b.w
	}
	ps := make([]person, n)
	for i := range ps {
		p := &ps[i]
		b := ageBands[r.pick(bandW)]
		a := b.lo + r.IntN(b.hi-b.lo+1)
		p.emp = empRegular
		switch x := r.Float64(); {
		case x < 0.09 && a >= 25:
			p.emp = empContract
		case x < 0.14 && a >= 25:
			p.emp = empPart
		}
		p.birth = dayOf(y0-a-1, time.April, 2) + day(r.IntN(365))
		c.newPerson(p)
		switch {
		case p.emp == empRegular && (a < 35 && r.chance(0.72) || a >= 35 && r.chance(0.55)):
			p.newGrad = true
			g := gradAge(r)
			if a < g {
				g = a
			}
			p.hire = dayOf(y0-(a-g), time.April, 1)
		case p.emp == empRegular:
			p.hire = (start - day(r.IntN(max(a-23, 0)*365+1))).monthStart()
		default:
			p.hire = (start - day(r.IntN(min(max(a-23, 0), 12)*365+1))).monthStart()
		}
		p.term = never
	}
	// Grades by quantile of a score of age, tenure and autonomy.
	type scored struct {
		i int
		s float64
	}
	var regular []scored
	for i := range ps {
		p := &ps[i]
		if p.emp != empRegular {
			g := int8(1)
			if r.chance(0.4) {
				g = 2
			}
			p.years = []yearState{{grade: g, boss: -1}}
			continue
		}
		a := float64(age(p.birth, start))
		tenure := float64(start-p.hire) / 365
		regular = append(regular, scored{i, 0.6*(a-22)/6 + 0.4*tenure/6 + 0.35*float64(p.autonomy) + r.NormFloat64()*0.45})
	}
	slices.SortFunc(regular, func(a, b scored) int { return cmp.Compare(a.s, b.s) })
	shares := []float64{0.13, 0.21, 0.26, 0.22, 0.12, 0.06}
	j := 0
	for g, share := range shares {
		upto := j + int(math.Round(share*float64(len(regular))))
		if g == len(shares)-1 {
			upto = len(regular)
		}
		for ; j < upto && j < len(regular); j++ {
			p := &ps[regular[j].i]
			p.years = []yearState{{grade: int8(g + 1), boss: -1, mgr: g == 5 || g == 4 && r.chance(0.8)}}
			p.gradeSince = int8(-r.IntN(4))
		}
	}
	weights := make([]float64, len(c.depts))
	for d := range c.depts {
		weights[d] = c.depts[d].weight
	}
	for i := range ps {
		ps[i].years[0].dept = int16(r.pick(weights))
	}
	// Employee numbers follow the order of hiring.
	slices.SortStableFunc(ps, func(a, b person) int {
		if a.hire != b.hire {
			return int(a.hire - b.hire)
		}
		return int(a.birth - b.birth)
	})
	c.people = ps
}

// gradAge is the age at which a new graduate joins: 22 after university,
// 24 after a master's degree.
func gradAge(r *rng) int {
	switch x := r.Float64(); {
	case x < 0.8:
		return 22
	case x < 0.85:
		return 23
	}
	return 24
}

// newPerson draws what a person brings: name, gender and traits.
func (c *company) newPerson(p *person) {
	r := c.r
	p.female = r.chance(0.36)
	if p.emp != empRegular {
		p.female = r.chance(0.62)
	}
	p.family = uint8(r.IntN(len(familyNames)))
	if p.female {
		p.given = uint8(r.IntN(len(femaleNames)))
	} else {
		p.given = uint8(r.IntN(len(maleNames)))
	}
	a := r.NormFloat64()
	p.autonomy = float32(a)
	p.frailty = float32(math.Exp(r.NormFloat64()*0.45 - 0.1))
	p.eng = float32(0.4*a + r.NormFloat64()*0.45)
	p.oneOnOne = float32(clamp(1+r.NormFloat64()*0.12, 0.6, 1.25))
	p.strengths = -1
	p.term = never
}

// april carries everyone employed into fiscal year k and applies what
// happens on its first day: transfers, promotions and the new graduates.
func (c *company) april(k int) {
	r, fy := c.r, c.fys[k]
	var active []int32
	for i := range c.people {
		p := &c.people[i]
		if p.term != never {
			continue
		}
		st := *p.last()
		st.use = 0
		p.years = append(p.years, st)
		active = append(active, int32(i))
	}
	moved := map[int32]bool{}
	// The transfers of the internal postings and FA applications
	// selected last year, then the yearly rotation.
	for _, i := range active {
		a := c.apps[appKey(i, k-1)]
		if a == nil || !(a.posting.ok || a.fa.ok) {
			continue
		}
		st := c.people[i].state(k)
		st.dept = int16(c.otherDept(int(st.dept), 0.5))
		moved[i] = true
	}
	for _, i := range active {
		p := &c.people[i]
		if moved[i] || p.emp != empRegular || !r.chance(0.045) {
			continue
		}
		st := p.state(k)
		st.dept = int16(c.otherDept(int(st.dept), 0.35))
	}
	// Promotions.
	for _, i := range active {
		p := &c.people[i]
		if p.emp != empRegular {
			continue
		}
		st := p.state(k)
		since := k - int(p.gradeSince)
		var pr float64
		switch st.grade {
		case 1:
			if fy.start-p.hire >= 2*365 {
				pr = 0.5
			}
		case 2:
			if since >= 2 {
				pr = 0.25
			}
		case 3:
			if since >= 3 {
				pr = 0.15
			}
		case 4:
			if since >= 3 {
				pr = 0.09
			}
		case 5:
			if since >= 3 {
				pr = 0.07
			}
		}
		if pr > 0 && r.chance(pr*math.Exp(0.3*float64(p.autonomy))) {
			st.grade++
			p.gradeSince = int8(k)
			st.mgr = st.mgr || st.grade == 6 || st.grade == 5 && r.chance(0.8)
		}
	}
	// New graduates join on April 1.
	counts := c.headcounts(k, fy.start)
	n := float64(len(active))
	hires := c.target[k] - n + 0.095*n
	grads := int(math.Round(0.4 * hires))
	if fy.start > c.now {
		grads = 0
	}
	for range grads {
		p := person{emp: empRegular, newGrad: true, hire: fy.start, first: int8(k), gradeSince: int8(k)}
		c.newPerson(&p)
		g := gradAge(r)
		p.birth = dayOf(fy.year-g-1, time.April, 2) + day(r.IntN(365))
		d := c.hireDept(k, counts)
		p.years = []yearState{{dept: int16(d), grade: 1, boss: -1}}
		c.people = append(c.people, p)
	}
}

// otherDept returns a department other than d: in d's division with
// probability same, else anywhere.
func (c *company) otherDept(d int, same float64) int {
	r := c.r
	if sib := c.divs[c.depts[d].div].depts; len(sib) > 1 && r.chance(same) {
		for {
			if o := sib[r.IntN(len(sib))]; o != d {
				return o
			}
		}
	}
	for {
		if o := r.IntN(len(c.depts)); o != d {
			return o
		}
	}
}

// headcounts counts the people of each department in year k on day d.
func (c *company) headcounts(k int, d day) []float64 {
	counts := make([]float64, len(c.depts))
	for i := range c.people {
		p := &c.people[i]
		if st := p.state(k); st != nil && p.active(d) {
			counts[st.dept]++
		}
	}
	return counts
}

// hireDept picks the department a new hire joins: the ones furthest below
// their share of the target headcount are likeliest. It counts the hire.
func (c *company) hireDept(k int, counts []float64) int {
	var total float64
	for _, d := range c.depts {
		total += d.weight
	}
	w := make([]float64, len(c.depts))
	for d := range c.depts {
		want := c.depts[d].weight / total * c.target[k]
		w[d] = math.Max(want-counts[d], 0) + 0.05*want
	}
	d := c.r.pick(w)
	counts[d]++
	return d
}

// organiseYear makes sure every department has a manager and assigns
// everyone employed on the first day of year k a manager: someone of their
// department (its head for the managers), the division head for the
// department heads.
func (c *company) organiseYear(k int) {
	start := c.fys[k].start
	mgrs := make([][]int32, len(c.depts))
	members := make([][]int32, len(c.depts))
	for i := range c.people {
		p := &c.people[i]
		st := p.state(k)
		if st == nil || !p.active(start) {
			continue
		}
		members[st.dept] = append(members[st.dept], int32(i))
		if st.mgr {
			mgrs[st.dept] = append(mgrs[st.dept], int32(i))
		}
	}
	// better reports whether a is the better head than b: of a higher
	// grade, else not about to retire, else longer with the company.
	better := func(a, b int32) bool {
		sa, sb := c.people[a].state(k), c.people[b].state(k)
		if sa.grade != sb.grade {
			return sa.grade > sb.grade
		}
		if ra, rb := age(c.people[a].birth, start) >= 59, age(c.people[b].birth, start) >= 59; ra != rb {
			return rb
		}
		return a < b
	}
	heads := make([]int32, len(c.depts))
	for d := range c.depts {
		if len(mgrs[d]) == 0 {
			// Promote the most senior regular employee.
			best := int32(-1)
			for _, i := range members[d] {
				if c.people[i].emp == empRegular && (best < 0 || better(i, best)) {
					best = i
				}
			}
			if best >= 0 {
				st := c.people[best].state(k)
				st.mgr = true
				if st.grade < 5 {
					st.grade = 5
					c.people[best].gradeSince = int8(k)
				}
				mgrs[d] = append(mgrs[d], best)
			}
		}
		heads[d] = -1
		for _, i := range mgrs[d] {
			if heads[d] < 0 || better(i, heads[d]) {
				heads[d] = i
			}
		}
	}
	divHds := make([]int32, len(c.divs))
	for v, dv := range c.divs {
		divHds[v] = -1
		for _, d := range dv.depts {
			if h := heads[d]; h >= 0 && (divHds[v] < 0 || better(h, divHds[v])) {
				divHds[v] = h
			}
		}
	}
	reports := map[int32]int{}
	for d := range c.depts {
		for _, i := range members[d] {
			p := &c.people[i]
			st := p.state(k)
			switch {
			case i == divHds[c.depts[d].div]:
				st.boss = -1
			case i == heads[d]:
				st.boss = divHds[c.depts[d].div]
			case st.mgr:
				st.boss = heads[d]
			default:
				if b := st.boss; b >= 0 {
					if bs := c.people[b].state(k); bs != nil && c.people[b].active(start) && bs.mgr && bs.dept == st.dept {
						reports[b]++
						continue
					}
				}
				st.boss = heads[d]
				for _, m := range mgrs[d] {
					if m != heads[d] && (st.boss == heads[d] || reports[m] < reports[st.boss]) {
						st.boss = m
					}
				}
				if st.boss >= 0 {
					reports[st.boss]++
				}
			}
		}
	}
	c.heads = append(c.heads, heads)
	c.divHds = append(c.divHds, divHds)
	c.mgrs = append(c.mgrs, mgrs)
}

// managerAt returns who manages person i on day d of year k: their
// manager; when that one has left, for the staff another manager of the
// department, else the division head or another department head of the
// division; -1 if none (the division heads report to the board).
func (c *company) managerAt(i int32, k int, d day) int32 {
	st := c.people[i].state(k)
	ok := func(m int32) bool { return m >= 0 && m != i && c.people[m].active(d) }
	switch {
	case st.boss < 0:
		return -1
	case ok(st.boss):
		return st.boss
	}
	if !st.mgr {
		for _, m := range c.mgrs[k][st.dept] {
			if ok(m) {
				return m
			}
		}
	}
	div := c.depts[st.dept].div
	if m := c.divHds[k][div]; ok(m) {
		return m
	}
	for _, dd := range c.divs[div].depts {
		if m := c.heads[k][dd]; ok(m) {
			return m
		}
	}
	return -1
}

// year runs fiscal year k: who uses which program, who leaves, who joins.
func (c *company) year(k int) {
	r, fy := c.r, c.fys[k]
	var active []int32
	for i := range c.people {
		if st := c.people[i].state(k); st != nil && c.people[i].active(fy.start) {
			active = append(active, int32(i))
		}
	}
	leaving := 0
	for _, i := range active {
		ret := c.retirement(i, k)
		lb := c.use(i, k, ret != 0)
		if c.leave(i, k, lb, ret) {
			leaving++
		}
	}
	// Mid-career hires through the year, enough to reach the target.
	counts := c.headcounts(k, fy.start)
	hires := int(math.Round((c.target[k] - float64(len(active)-leaving)) / 0.95))
	dates := make([]day, 0, max(hires, 0))
	for range max(hires, 0) {
		m := r.IntN(12)
		if m == 0 || m == 6 { // April and October are busy
			m = r.IntN(12)
		}
		d := dayOf(fy.year, time.April+time.Month(m), 1)
		if r.chance(0.25) {
			d += 15
		}
		if d <= c.now {
			dates = append(dates, d)
		}
	}
	slices.Sort(dates)
	for _, hire := range dates {
		p := person{first: int8(k), gradeSince: int8(k), hire: hire}
		p.emp = empRegular
		switch x := r.Float64(); {
		case x < 0.1:
			p.emp = empContract
		case x < 0.15:
			p.emp = empPart
		}
		c.newPerson(&p)
		a := 25 + int(math.Abs(r.NormFloat64())*9)
		if a > 58 {
			a = 25 + r.IntN(20)
		}
		p.birth = p.hire - day(a*365+r.IntN(365))
		g := int8(1)
		if p.emp == empRegular {
			switch {
			case a < 28:
				g = 2
			case a < 33:
				g = 2 + int8(r.IntN(2))
			case a < 40:
				g = 3 + int8(r.IntN(2))
			case a < 50:
				g = 4
				if r.chance(0.15) {
					g = 5
				}
			default:
				g = 4 + int8(r.IntN(2))
			}
		} else if r.chance(0.3) {
			g = 2
		}
		d := c.hireDept(k, counts)
		st := yearState{dept: int16(d), grade: g, boss: -1, mgr: g == 5 && r.chance(0.5)}
		st.boss = c.heads[k][d]
		if ms := c.mgrs[k][d]; len(ms) > 0 && !st.mgr {
			st.boss = ms[r.IntN(len(ms))]
		}
		p.years = []yearState{st}
		c.people = append(c.people, p)
		i := int32(len(c.people) - 1)
		ret := c.retirement(i, k)
		lb := c.use(i, k, ret != 0)
		c.leave(i, k, lb, ret)
	}
}

// use decides which programs person i uses in year k and returns the
// earliest day they may leave that year so that their applications are
// on record first. Those retiring that year use little.
func (c *company) use(i int32, k int, retiring bool) day {
	p := &c.people[i]
	st := p.state(k)
	fy := c.fys[k]
	lb := day(0)
	t := k - 1 // the reported year: 0 for the first
	if t < 0 {
		return lb
	}
	r := c.r
	s := max(fy.start, p.hire)
	e := min(fy.end, c.now)
	if s > e {
		return lb
	}
	f := float64(fy.end-s+1) / float64(fy.end-fy.start+1)
	g := st.grade
	a := float64(p.autonomy)
	regular := p.emp == empRegular
	nonreg := 0.0
	if !regular {
		nonreg = -1.1
	}
	tenure := func(d day) float64 { return float64(d-p.hire) / 365.25 }
	if retiring {
		f *= 0.2
	}
	prob := func(base, x float64) float64 { return sigmoid(logit(base)+x) * f }
	mgr := 0.0
	if st.mgr {
		mgr = 0.4
	}
	if r.chance(prob(baseCareer[t], gradeCareer[g]+0.5*a+mgr+nonreg)) {
		st.use |= useCareer
	}
	if p.strengths < 0 {
		pr := prob(0.1, 0.5*a+nonreg)
		if p.hire >= fy.start {
			pr = 0.65
		}
		if r.chance(pr) {
			st.use |= useStrengths
			p.strengths = int8(k)
		}
	}
	if r.chance(prob(baseReskill[t], gradeTrain[g]+0.8*a+nonreg*0.7)) {
		st.use |= useReskill
	}
	if t >= 1 && regular && g >= 2 && g <= 5 && r.chance(prob(baseDX[t], gradeTrain[g]+0.8*a)) {
		st.use |= useDX
	}
	if r.chance(prob(0.05, gradeCert[g]+0.6*a+nonreg)) {
		st.use |= useCert
	}
	if r.chance(prob(baseELearn[t], gradeELearn[g]+0.6*a+nonreg/2)) {
		st.use |= useELearn
	}
	if st.mgr && !retiring && r.chance(0.8) {
		st.use |= useManager
	}
	apps := &applications{}
	// Internal posting: applications in October and November, decisions
	// by the end of January, transfer on the next April 1.
	if open := dayOf(fy.year, time.October, 1); regular && g >= 2 && g <= 5 && tenure(open) >= 2 &&
		r.chance(sigmoid(logit(0.025)+gradePosting[g]+0.7*a)) {
		ap := r.weekdayBetween(open, dayOf(fy.year, time.November, 30))
		dec := r.weekdayBetween(dayOf(fy.year, time.December, 10), dayOf(fy.year+1, time.January, 31))
		if ap <= c.now {
			apps.posting = challenge{applied: ap, decided: never}
			st.use |= usePosting
			if dec <= c.now {
				apps.posting.decided, apps.posting.ok = dec, r.chance(0.4)
			}
			lb = max(lb, min(dec, fy.end))
		}
	}
	// Internal FA, from the third year: applications in July and August,
	// decisions by October.
	if open := dayOf(fy.year, time.July, 1); t >= 2 && regular && g >= 3 && g <= 5 && tenure(open) >= 3 && r.chance(sigmoid(logit(0.012)+0.7*a)) {
		ap := r.weekdayBetween(open, dayOf(fy.year, time.August, 31))
		dec := r.weekdayBetween(dayOf(fy.year, time.September, 15), dayOf(fy.year, time.October, 31))
		if ap <= c.now {
			apps.fa = challenge{applied: ap, decided: never}
			st.use |= useFA
			if dec <= c.now {
				apps.fa.decided, apps.fa.ok = dec, r.chance(0.5)
			}
			lb = max(lb, dec+7)
		}
	}
	// Side jobs, from the second year: an application any time (a renewal
	// in April), approved within three weeks.
	if t >= 1 && regular && tenure(e) >= 1 {
		renewal := false
		if prev := c.apps[appKey(i, k-1)]; prev != nil && prev.sideJob.ok {
			renewal = r.chance(0.75)
		}
		if renewal || r.chance(prob(baseSideJob[t], gradeSideJob[g]+0.8*a)) {
			from := max(s, p.hire+365)
			ap := r.weekdayBetween(from, max(from, fy.end-45))
			if renewal {
				ap = r.weekdayBetween(fy.start, fy.start+30)
			}
			dec := ap + 7 + day(r.IntN(15))
			if ap <= c.now {
				apps.sideJob = challenge{applied: ap, decided: never}
				st.use |= useSideJob
				if dec <= c.now {
					apps.sideJob.decided, apps.sideJob.ok = dec, r.chance(0.9)
				}
				lb = max(lb, ap+14)
			}
		}
	}
	if st.use&(usePosting|useFA|useSideJob) != 0 {
		c.apps[appKey(i, k)] = apps
	}
	return lb
}

// retirement returns the day person i retires in year k, or 0: on
// reaching 65 (the day before the birthday, as the law counts ages), or 60
// for those who do not stay on.
func (c *company) retirement(i int32, k int) day {
	fy := c.fys[k]
	p := &c.people[i]
	for _, at := range []int{60, 65} {
		d := birthday(p.birth, at) - 1
		if d < max(fy.start, p.hire) || d > fy.end || at == 60 && !c.r.chance(0.25) {
			continue
		}
		if d <= c.now {
			return d
		}
	}
	return 0
}

// leave decides whether person i leaves in year k, not before lb, and
// when and how; it reports whether they do. ret is the day they retire,
// or 0.
func (c *company) leave(i int32, k int, lb, ret day) bool {
	r, fy := c.r, c.fys[k]
	p := &c.people[i]
	st := p.state(k)
	s := max(fy.start, p.hire)
	if ret != 0 {
		p.term, p.termType = ret, termRetirement
		return true
	}
	a := age(p.birth, s)
	var h float64
	switch {
	case a < 30:
		h = 0.085
	case a < 35:
		h = 0.075
	case a < 40:
		h = 0.06
	case a < 50:
		h = 0.04
	case a < 60:
		h = 0.025
	default:
		h = 0.07
	}
	if p.newGrad && s-p.hire < 3*365 {
		h = math.Max(h, 0.075)
	}
	h *= 1.3
	if p.emp != empRegular {
		h *= 1.7
	}
	if st.grade >= 5 {
		h *= 0.7
	}
	h *= c.depts[st.dept].attr * float64(p.frailty)
	u := st.use
	if u&useCareer != 0 {
		h *= riskCareer
	}
	if u&(useDX|useReskill) != 0 {
		h *= riskTraining
	}
	if u&useSideJob != 0 {
		h *= riskSideJob
	}
	if u&useFA != 0 {
		h *= riskFA
	}
	if u&useCert != 0 {
		h *= riskCert
	}
	if a := c.apps[appKey(i, k)]; u&usePosting != 0 && a.posting.decided != never {
		if a.posting.ok {
			h *= riskPostingSelected
		} else {
			h *= riskPostingRejected
		}
	}
	inv, other := 0.005, 0.003
	if p.emp == empContract {
		other = 0.03 // 契約満了
	}
	f := float64(fy.end-s+1) / float64(fy.end-fy.start+1)
	total := h + inv + other
	if !r.chance(1 - math.Exp(-total*f)) {
		return false
	}
	lo := max(s, lb)
	if p.hire >= fy.start {
		lo = max(lo, p.hire+30)
	}
	hi := min(fy.end, c.now)
	if lo > hi {
		return false
	}
	d := r.between(lo, hi)
	if me := d.monthEnd(); me <= hi && r.chance(0.85) {
		d = me
	}
	p.term = d
	switch x := r.Float64() * total; {
	case x < h:
		p.termType = termVoluntary
		pr := 0.12
		if st.grade >= 4 {
			pr += 0.2
		}
		if p.autonomy > 0.5 {
			pr += 0.25
		}
		p.regretted = r.chance(pr)
	case x < h+inv:
		p.termType = termInvoluntary
	default:
		p.termType = termOther
	}
	return true
}

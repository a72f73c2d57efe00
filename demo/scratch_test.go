package demo

import (
	"fmt"
	"testing"
)

func TestScratchStats(t *testing.T) {
	c := simulate(1, sizePlans[Small], dayFromTime(DefaultNow))
	fmt.Println("people", len(c.people))
	for k, fy := range c.fys {
		start := fy.start
		hc, left := 0, 0
		var users, usersLeft, non, nonLeft [12]int
		for i := range c.people {
			p := &c.people[i]
			if !p.active(start) {
				continue
			}
			hc++
			l := p.term <= fy.end
			if l {
				left++
			}
			st := p.state(k)
			for b := 0; b < 10; b++ {
				if st.use&(1<<b) != 0 {
					users[b]++
					if l {
						usersLeft[b]++
					}
				} else {
					non[b]++
					if l {
						nonLeft[b]++
					}
				}
			}
		}
		fmt.Printf("FY%d hc %d attr %.3f\n", fy.year, hc, float64(left)/float64(hc))
		names := []string{"career", "strengths", "posting", "fa", "sidejob", "dx", "reskill", "cert", "elearn", "mgr"}
		for b := 0; b < 10; b++ {
			if users[b] == 0 {
				continue
			}
			fmt.Printf("   %-9s users %5d (%.2f) attr %.3f vs %.3f\n", names[b], users[b], float64(users[b])/float64(hc), float64(usersLeft[b])/float64(users[b]), float64(nonLeft[b])/float64(non[b]))
		}
	}
	// new grad 3 year attrition by cohort
	for k, fy := range c.fys {
		n, l := 0, 0
		for i := range c.people {
			p := &c.people[i]
			if p.newGrad && p.hire == fy.start {
				n++
				if p.term < birthday(p.hire, 3) {
					l++
				}
			}
		}
		fmt.Printf("cohort FY%d grads %d 3y-left %.3f\n", fy.year, n, float64(l)/float64(max(n, 1)))
		_ = k
	}
	grades := map[int8]int{}
	mgr := 0
	hc := 0
	for i := range c.people {
		p := &c.people[i]
		if p.active(c.now) {
			hc++
			st := p.state(len(c.fys) - 1)
			grades[st.grade]++
			if st.mgr {
				mgr++
			}
		}
	}
	fmt.Println("now hc", hc, "grades", grades, "mgr", mgr)
	types := map[uint8]int{}
	for i := range c.people {
		types[c.people[i].termType]++
	}
	fmt.Println("termtypes", types)
}

func TestScratchGenerate(t *testing.T) {
	files, err := Generate(Options{Size: Small, Seed: 1, Dir: "/tmp/scratch/small"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		fmt.Printf("%+v\n", f)
	}
}

package metrics

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/careerkpi/careerkpi/queries"
)

const sqlImpactFollowup = "metrics/impact_followup"

// FollowedMonths is how many months the retention curves follow a cohort.
const FollowedMonths = 24

// ThinOverlap is the fewest members a side of a stratum has for the
// stratum to compare users with non-users on more than a handful of
// people.
const ThinOverlap = 5

// LowOverlapShare is the share of the users or of the non-users, in
// strata without or with thin overlap, from which the adjusted
// comparison carries a warning.
const LowOverlapShare = 0.1

// AdjustedImpact compares the users' 12-month attrition with the
// non-users' within strata of grade × tenure band × hire type on the
// fiscal year's first day: the Mantel–Haenszel risk difference, so that a
// program used mostly by, say, young hires is not credited with their
// attrition. Still an association, not a cause: the strata hold only what
// HR records.
type AdjustedImpact struct {
	// Difference is the pooled risk difference, users minus non-users, in
	// percentage points, with its 95% interval (Sato's variance); nil when
	// no stratum has both users and non-users.
	Difference *float64  `json:"difference"`
	Interval   *Interval `json:"interval"`
	// Compared is the number of strata with both users and non-users.
	Compared int `json:"compared_strata"`
	// UsersOutside and NonUsersOutside are the employees in strata the
	// other side is absent from, left out of the estimate; UsersThin and
	// NonUsersThin those in strata where a side has fewer than
	// ThinOverlap members.
	UsersOutside    int `json:"users_outside"`
	NonUsersOutside int `json:"non_users_outside"`
	UsersThin       int `json:"users_thin"`
	NonUsersThin    int `json:"non_users_thin"`
	// LowOverlap warns that users and non-users barely overlap: at least
	// LowOverlapShare of either side is in strata left out or thin.
	LowOverlap bool `json:"low_overlap"`
	// Strata are every stratum of the cohort.
	Strata []ImpactStratum `json:"strata"`
}

// ImpactStratum is one stratum of the adjusted comparison.
type ImpactStratum struct {
	Grade      string `json:"grade"`
	TenureBand string `json:"tenure_band"`
	HireType   string `json:"hire_type"`
	// Users and NonUsers count the stratum's employees, UsersLeavers and
	// NonUsersLeavers those of them who left within 12 months.
	Users           int `json:"users"`
	UsersLeavers    int `json:"users_leavers"`
	NonUsers        int `json:"non_users"`
	NonUsersLeavers int `json:"non_users_leavers"`
	// Overlap is "none" when a side is empty (the stratum is left out),
	// "thin" when a side has fewer than ThinOverlap members, else "".
	Overlap string `json:"overlap,omitempty"`
}

// Retention is the Kaplan–Meier retention of the users and of the
// non-users over the FollowedMonths months from the fiscal year's first
// day, as far as the data go, with the log-rank test of equal retention.
type Retention struct {
	// Through is the last day followed: the end of the months, or the
	// latest snapshot date when the data end sooner.
	Through time.Time `json:"through"`
	// Users and NonUsers are each side's curve, a point per month from 0
	// (the first day, everyone employed) to the last whole month followed.
	Users    []RetentionPoint `json:"users"`
	NonUsers []RetentionPoint `json:"non_users"`
	// LogRank tests that both sides have the same retention; nil when it
	// cannot (no one left, or a side is empty).
	LogRank *LogRankResult `json:"log_rank"`
}

// RetentionPoint is a curve's value at the end of a month.
type RetentionPoint struct {
	// Month is the months since the fiscal year's first day; Date the last
	// day of that month of follow-up (the first day itself for month 0).
	Month int       `json:"month"`
	Date  time.Time `json:"date"`
	// Retention is the Kaplan–Meier estimate, in %, of not having left by
	// the end of Date (a last day employed on or before it counts as
	// gone, as in the retention rate), with its 95% (log-log) interval.
	Retention float64   `json:"retention"`
	Interval  *Interval `json:"interval"`
	// AtRisk is the number still followed after Date.
	AtRisk int `json:"at_risk"`
}

// followup is the cohort's employees per stratum and follow-up.
type followup struct {
	Used       bool      `ch:"used"`
	Grade      string    `ch:"grade"`
	TenureBand string    `ch:"tenure_band"`
	HireType   string    `ch:"hire_type"`
	Followed   uint32    `ch:"followed"`
	Left       bool      `ch:"left"`
	LeftInYear bool      `ch:"left_in_year"`
	Employees  uint64    `ch:"employees"`
	FollowEnd  time.Time `ch:"follow_end"`
}

// impactFollowup adds to res the adjusted comparison and the retention
// curves of the whole cohort (the request's filters applied).
func (e *Engine) impactFollowup(ctx context.Context, res *ImpactResult, req ImpactRequest) error {
	p := res.Period
	params := queries.Params{"start": p.Start, "end": p.End, "follow_to": p.Start.AddDate(0, FollowedMonths, -1)}
	req.programParams(params)
	cutParams(params, nil, req.Filters)
	sql, params := bound(queries.SQL(sqlImpactFollowup), params)
	rows, err := queries.Select[followup](ctx, e.Store, sql, params)
	if err != nil {
		return fmt.Errorf("metrics: program impact over time: %w", err)
	}
	res.Adjusted = adjustedImpact(rows)
	res.Retention = retention(rows, p.Start)
	return nil
}

// adjustedImpact pools the strata of rows.
func adjustedImpact(rows []followup) *AdjustedImpact {
	type key struct{ grade, tenure, hire string }
	at := map[key]int{}
	adj := &AdjustedImpact{Strata: []ImpactStratum{}}
	for _, r := range rows {
		k := key{r.Grade, r.TenureBand, r.HireType}
		i, ok := at[k]
		if !ok {
			i = len(adj.Strata)
			at[k] = i
			adj.Strata = append(adj.Strata, ImpactStratum{Grade: r.Grade, TenureBand: r.TenureBand, HireType: r.HireType})
		}
		s, n := &adj.Strata[i], int(r.Employees)
		leavers := 0
		if r.LeftInYear {
			leavers = n
		}
		if r.Used {
			s.Users, s.UsersLeavers = s.Users+n, s.UsersLeavers+leavers
		} else {
			s.NonUsers, s.NonUsersLeavers = s.NonUsers+n, s.NonUsersLeavers+leavers
		}
	}
	slices.SortFunc(adj.Strata, func(a, b ImpactStratum) int {
		return slices.Compare([]string{a.Grade, a.TenureBand, a.HireType}, []string{b.Grade, b.TenureBand, b.HireType})
	})
	tables := make([]Stratum, len(adj.Strata))
	users, nonUsers := 0, 0
	for i := range adj.Strata {
		s := &adj.Strata[i]
		tables[i] = Stratum{X1: s.UsersLeavers, N1: s.Users, X0: s.NonUsersLeavers, N0: s.NonUsers}
		users, nonUsers = users+s.Users, nonUsers+s.NonUsers
		switch {
		case s.Users == 0 || s.NonUsers == 0:
			s.Overlap = "none"
			adj.UsersOutside, adj.NonUsersOutside = adj.UsersOutside+s.Users, adj.NonUsersOutside+s.NonUsers
		case s.Users < ThinOverlap || s.NonUsers < ThinOverlap:
			s.Overlap = "thin"
			adj.UsersThin, adj.NonUsersThin = adj.UsersThin+s.Users, adj.NonUsersThin+s.NonUsers
		}
	}
	share := func(part, whole int) float64 {
		if whole == 0 {
			return 0
		}
		return float64(part) / float64(whole)
	}
	adj.LowOverlap = share(adj.UsersOutside+adj.UsersThin, users) >= LowOverlapShare || share(adj.NonUsersOutside+adj.NonUsersThin, nonUsers) >= LowOverlapShare
	if mh, ok := MantelHaenszelRD(tables, Z95); ok {
		d := mh.RD * 100
		adj.Difference, adj.Interval = &d, &Interval{Low: mh.Interval.Low * 100, High: mh.Interval.High * 100}
		adj.Compared = mh.Strata
	}
	return adj
}

// retention computes both sides' curves and their log-rank test; nil when
// the data end before the fiscal year starts.
func retention(rows []followup, start time.Time) *Retention {
	if len(rows) == 0 || rows[0].FollowEnd.Before(start) {
		return nil
	}
	through := rows[0].FollowEnd
	var users, nonUsers []Observation
	for _, r := range rows {
		o := Observation{Time: int(r.Followed), Event: r.Left}
		for range r.Employees {
			if r.Used {
				users = append(users, o)
			} else {
				nonUsers = append(nonUsers, o)
			}
		}
	}
	ret := &Retention{Through: through, Users: curve(users, start, through), NonUsers: curve(nonUsers, start, through)}
	if lr, ok := LogRank(users, nonUsers); ok {
		ret.LogRank = &lr
	}
	return ret
}

// curve samples the Kaplan–Meier estimate of obs at the end of each whole
// month followed; nil for no one.
func curve(obs []Observation, start, through time.Time) []RetentionPoint {
	if len(obs) == 0 {
		return nil
	}
	steps := KaplanMeier(obs, Z95)
	points := []RetentionPoint{{Month: 0, Date: start, Retention: 100, Interval: &Interval{Low: 100, High: 100}, AtRisk: len(obs)}}
	for m := 1; m <= FollowedMonths; m++ {
		date := start.AddDate(0, m, -1)
		if date.After(through) {
			break
		}
		day := int(date.Sub(start).Hours()/24+0.5) + 1 // followed days through date
		pt := RetentionPoint{Month: m, Date: date, Retention: 100, Interval: &Interval{Low: 100, High: 100}}
		if i := lastStep(steps, day); i >= 0 {
			st := steps[i]
			pt.Retention = st.Survival * 100
			pt.Interval = &Interval{Low: st.Interval.Low * 100, High: st.Interval.High * 100}
		}
		for _, o := range obs {
			if o.Time > day {
				pt.AtRisk++
			}
		}
		points = append(points, pt)
	}
	return points
}

// lastStep returns the index of the last step at or before day, or −1.
func lastStep(steps []SurvivalStep, day int) int {
	i, _ := slices.BinarySearchFunc(steps, day+1, func(s SurvivalStep, t int) int { return s.Time - t })
	return i - 1
}

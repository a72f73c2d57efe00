package queries

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Direct access for analysts: ClickHouse roles that read the published
// versions (publications and published_figures) and nothing else. The
// published figures were frozen after anonymity protection — a withheld
// group's row holds no value, numerator or respondents — so reading the
// tables directly shows no more than the pages and the API do.
//
// AnalystRole reads every published figure. Each department head gets a
// role of their own whose row policy shows the rows of their scope only:
// their department (or the departments of their division, and the
// division) in the breakdowns by department and division. Roles are
// granted to ClickHouse users by whoever runs the server:
//
//	GRANT careerkpi_analyst TO tanaka;

// AnalystRole is the role that reads every published figure.
const AnalystRole = "careerkpi_analyst"

// HeadRolePrefix starts the name of a department head's role.
const HeadRolePrefix = "careerkpi_head_"

// PublishedTables are the tables the roles read.
var PublishedTables = []string{"publications", "published_figures"}

// HeadScope is what one department head sees.
type HeadScope struct {
	// User is the head's careerkpi user name.
	User string
	// Division is set when the scope is a division; Departments are the
	// departments in the scope (the division's, or the one department).
	Division    string
	Departments []string
}

var unsafeRoleChars = regexp.MustCompile(`[^a-z0-9_]+`)

// HeadRole returns the role name of a department head: the user name in
// identifier characters and, so that two names never share one, a short
// hash of it.
func HeadRole(user string) string {
	sum := sha256.Sum256([]byte(user))
	return HeadRolePrefix + strings.Trim(unsafeRoleChars.ReplaceAllString(strings.ToLower(user), "_"), "_") + "_" + hex.EncodeToString(sum[:3])
}

// HeadFilter is the row policy condition of a head's role on
// published_figures: the rows of the breakdowns by department and by
// division that are in the scope. A scope that holds no department shows
// no row.
func HeadFilter(h HeadScope) string {
	var or []string
	if len(h.Departments) > 0 {
		deps := make([]string, len(h.Departments))
		for i, d := range slices.Sorted(slices.Values(h.Departments)) {
			deps[i] = QuoteString(d)
		}
		or = append(or, "(cut = 'department' AND NOT total AND dimension_values[1] IN ("+strings.Join(deps, ", ")+"))")
	}
	if h.Division != "" {
		or = append(or, "(cut = 'division' AND NOT total AND dimension_values[1] = "+QuoteString(h.Division)+")")
	}
	if len(or) == 0 {
		return "0"
	}
	return strings.Join(or, " OR ")
}

// QuoteString returns s as a ClickHouse string literal.
func QuoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// AccessStatements returns the statements that create or update the
// analysts' role and one role per department head, with their grants and
// row policies, in database db; on a cluster, for every node (ON CLUSTER
// when it has Keeper; ExecDDL runs the others on each node) and on the
// local tables too, which a distributed query reads on the shards. Roles
// of former department heads, named in stale, are dropped.
//
// service is the ClickHouse user careerkpi itself connects as: a policy
// of its own keeps every row visible to it on servers where a table with
// row policies shows nothing to a user no policy names.
func AccessStatements(db, service string, c *Cluster, heads []HeadScope, stale []string) ([]string, error) {
	qdb, err := QuoteIdentifier(db)
	if err != nil {
		return nil, err
	}
	qservice, err := QuoteIdentifier(service)
	if err != nil {
		return nil, fmt.Errorf("queries: careerkpi's own ClickHouse user: %w", err)
	}
	on := ""
	tables := slices.Clone(PublishedTables)
	if c != nil {
		on = c.OnCluster()
		for _, t := range PublishedTables {
			tables = append(tables, t+LocalSuffix)
		}
	}
	var out []string
	role := func(name, filter string) {
		out = append(out, "CREATE ROLE IF NOT EXISTS `"+name+"`"+on)
		for _, t := range tables {
			out = append(out, "GRANT"+on+" SELECT ON "+qdb+".`"+t+"` TO `"+name+"`")
		}
		for _, t := range tables {
			if strings.TrimSuffix(t, LocalSuffix) != "published_figures" {
				continue
			}
			out = append(out, "CREATE ROW POLICY OR REPLACE `"+name+"`"+on+" ON "+qdb+".`"+t+"` FOR SELECT USING "+filter+" TO `"+name+"`")
		}
	}
	for _, t := range tables {
		if strings.TrimSuffix(t, LocalSuffix) == "published_figures" {
			out = append(out, "CREATE ROW POLICY OR REPLACE `careerkpi_service`"+on+" ON "+qdb+".`"+t+"` FOR SELECT USING 1 TO "+qservice)
		}
	}
	role(AnalystRole, "1")
	for _, h := range heads {
		role(HeadRole(h.User), HeadFilter(h))
	}
	for _, name := range stale {
		if !strings.HasPrefix(name, HeadRolePrefix) || unsafeRoleChars.MatchString(name) {
			return nil, fmt.Errorf("queries: %q is not a department head's role", name)
		}
		for _, t := range tables {
			if strings.TrimSuffix(t, LocalSuffix) == "published_figures" {
				out = append(out, "DROP ROW POLICY IF EXISTS `"+name+"`"+on+" ON "+qdb+".`"+t+"`")
			}
		}
		out = append(out, "DROP ROLE IF EXISTS `"+name+"`"+on)
	}
	return out, nil
}

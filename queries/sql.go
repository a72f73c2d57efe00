package queries

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed sql/*.sql sql/metrics/*.sql
var sqlFiles embed.FS

// SQL returns the statement in the embedded file sql/<name>.sql. Names are
// constants in code, so a missing file is a programming error: SQL panics,
// and the package-level variables that call it fail every test at start.
func SQL(name string) string {
	b, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("queries: no embedded SQL named %q", name))
	}
	return strings.TrimSpace(string(b))
}

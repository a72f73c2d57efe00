// Command careerkpi is the career-autonomy analytics service: it loads HR
// data into ClickHouse, computes the KPIs of career autonomy programs and
// serves them as chart pages, Excel reports and an API. Run
// `careerkpi help` for its subcommands.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

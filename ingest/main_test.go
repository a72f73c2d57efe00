package ingest_test

import (
	"os"
	"testing"

	"github.com/careerkpi/careerkpi/queries/querytest"
)

func TestMain(m *testing.M) {
	if role := os.Getenv(childRole); role != "" {
		os.Exit(runChild(role))
	}
	querytest.Main(m)
}

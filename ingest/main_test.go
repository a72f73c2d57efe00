package ingest_test

import (
	"testing"

	"github.com/careerkpi/careerkpi/queries/querytest"
)

func TestMain(m *testing.M) { querytest.Main(m) }

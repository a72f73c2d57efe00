package ingest

import "testing"

func TestSummary(t *testing.T) {
	tests := []struct {
		rep  Report
		want string
	}{
		{Report{Dataset: "events", Outcome: Loaded, Batch: "b1", Rows: 1, WarningCount: 1},
			"loaded 1 row of events as batch b1 (0 errors, 1 warning)"},
		{Report{Dataset: "events", Outcome: Loaded, Batch: "b1", Rows: 2, Rejected: 1, ErrorCount: 1, Replaced: "b0"},
			"loaded 2 rows of events as batch b1, leaving out 1 invalid row, replacing batch b0 (1 error, 0 warnings)"},
		{Report{Dataset: "employees", Outcome: Checked, Rows: 3, Rejected: 2, ErrorCount: 2, WarningCount: 5},
			"dry run: 3 rows of employees would be loaded, 2 left out (2 errors, 5 warnings); nothing was written"},
		{Report{Dataset: "employees", Outcome: Invalid, ErrorCount: 1},
			"nothing loaded: 1 error, 0 warnings; fix the files, or load the valid rows with --skip-invalid"},
		{Report{Dataset: "programs", Outcome: Duplicate, Existing: "b9"},
			"nothing added: the same programs content is already loaded as batch b9"},
	}
	for _, tt := range tests {
		if got := tt.rep.Summary(); got != tt.want {
			t.Errorf("Summary() =\n%s\nwant\n%s", got, tt.want)
		}
	}
}

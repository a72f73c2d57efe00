package ingest

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/careerkpi/careerkpi/ingest/table"
)

// rejects is the file beside an input that receives its invalid rows, with
// the line and the reasons, for a person to correct and load again. It is
// UTF-8 with a byte-order mark, so that Excel in Japan opens it right.
type rejects struct {
	path string
	f    *os.File
	w    *csv.Writer
}

// rejectsPath is where the rejects of an input go: employees.csv →
// employees.rejects.csv.
func rejectsPath(input string) string {
	ext := filepath.Ext(input)
	return strings.TrimSuffix(input, ext) + ".rejects.csv"
}

func (ru *run) reject(in *input, rec table.Record, issues []Issue) error {
	if in.rejects == nil {
		path := rejectsPath(in.path)
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("ingest: write rejected rows: %w", err)
		}
		f.WriteString("\ufeff")
		in.rejects = &rejects{path: path, f: f, w: csv.NewWriter(f)}
		in.report.Rejects = path
		header := append([]string{"line", "column", "reason"}, in.f.Header()...)
		in.rejects.w.Write(safeCells(header))
	}
	var cols, reasons []string
	for _, is := range issues {
		if is.Severity == SeverityError {
			cols = append(cols, is.Column)
			reasons = append(reasons, is.Reason)
		}
	}
	line := append([]string{strconv.Itoa(rec.Line), strings.Join(cols, "; "), strings.Join(reasons, "; ")}, rec.Fields...)
	return in.rejects.w.Write(safeCells(line))
}

func (r *rejects) close() error {
	r.w.Flush()
	err := r.w.Error()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("ingest: write rejected rows to %s: %w", r.path, err)
	}
	return nil
}

// safeCells keeps a spreadsheet from reading a cell as a formula: a cell
// that starts with =, +, @ (or - not followed by a digit) gets a leading
// apostrophe.
func safeCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if c != "" && (strings.ContainsRune("=+@\t\r", rune(c[0])) || c[0] == '-' && (len(c) == 1 || c[1] < '0' || c[1] > '9')) {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}

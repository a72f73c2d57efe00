package ingest

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// MaxShown is how many errors, and how many warnings, a report shows; it
// counts all of them.
const MaxShown = 100

// Severity says whether an issue stops the load.
type Severity string

// The severities.
const (
	SeverityError   Severity = "error"   // the row (or the file) cannot be loaded
	SeverityWarning Severity = "warning" // loaded, but worth a look
)

// Issue is a problem found in an input file, where a person can find it.
type Issue struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"`   // 0 for the file as a whole
	Column   string   `json:"column,omitempty"` // the column's header (XLSX: with its letter)
	Reason   string   `json:"reason"`
}

func (i Issue) String() string {
	var b strings.Builder
	b.WriteString(i.File)
	if i.Line > 0 {
		fmt.Fprintf(&b, ":%d", i.Line)
	}
	if i.Column != "" {
		b.WriteString(":" + i.Column)
	}
	b.WriteString(": ")
	if i.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(i.Reason)
	return b.String()
}

// FileReport describes one input file.
type FileReport struct {
	Path     string   `json:"path"`
	Format   string   `json:"format"`
	Encoding string   `json:"encoding,omitempty"`
	Rows     int64    `json:"rows"`                   // records read
	Columns  []string `json:"columns,omitempty"`      // how the file's columns were used: "入社日 → hire_date"
	Ignored  []string `json:"ignored,omitempty"`      // columns no field uses
	Rejects  string   `json:"rejects_file,omitempty"` // the file the rejected rows were written to
}

// Outcome is what a load did.
type Outcome string

// The outcomes.
const (
	Loaded    Outcome = "loaded"    // the batch is committed
	Invalid   Outcome = "invalid"   // errors: nothing was loaded
	Duplicate Outcome = "duplicate" // the same content is already loaded: nothing was added
	Checked   Outcome = "checked"   // a dry run: checked, nothing written
)

// Report is the result of a load, for a person (String) or a program (JSON).
type Report struct {
	Dataset  string       `json:"dataset"`
	Outcome  Outcome      `json:"outcome"`
	Batch    string       `json:"batch,omitempty"`    // the committed batch
	Existing string       `json:"existing,omitempty"` // Duplicate: the batch that holds the same content
	Replaced string       `json:"replaced,omitempty"` // the batch this load replaced
	Files    []FileReport `json:"files"`
	// Rows counts the rows written (or, in a dry run, that would be);
	// Rejected the rows left out for errors.
	Rows     int64   `json:"rows"`
	Rejected int64   `json:"rejected"`
	Errors   []Issue `json:"errors"`
	Warnings []Issue `json:"warnings"`
	// ErrorCount and WarningCount count every issue; the lists hold the
	// first MaxShown of each.
	ErrorCount   int           `json:"error_count"`
	WarningCount int           `json:"warning_count"`
	Duration     time.Duration `json:"duration_ns"`
}

// OK reports whether the load did what was asked: loaded, found already
// loaded, or checked without errors.
func (r *Report) OK() bool {
	return r.Outcome == Loaded || r.Outcome == Duplicate || r.Outcome == Checked && r.ErrorCount == 0
}

func (r *Report) add(i Issue) {
	if i.Severity == SeverityError {
		r.ErrorCount++
		if len(r.Errors) < MaxShown {
			r.Errors = append(r.Errors, i)
		}
		return
	}
	r.WarningCount++
	if len(r.Warnings) < MaxShown {
		r.Warnings = append(r.Warnings, i)
	}
}

// fileError records an error about a whole file.
func (r *Report) fileError(file, format string, args ...any) {
	r.add(Issue{Severity: SeverityError, File: file, Reason: fmt.Sprintf(format, args...)})
}

// Write writes the report for a person.
func (r *Report) Write(w io.Writer) {
	for _, i := range r.Errors {
		fmt.Fprintln(w, i)
	}
	if n := r.ErrorCount - len(r.Errors); n > 0 {
		fmt.Fprintf(w, "… and %d more %s\n", n, plural(n, "error"))
	}
	for _, i := range r.Warnings {
		fmt.Fprintln(w, i)
	}
	if n := r.WarningCount - len(r.Warnings); n > 0 {
		fmt.Fprintf(w, "… and %d more %s\n", n, plural(n, "warning"))
	}
	for _, f := range r.Files {
		if f.Rejects != "" {
			fmt.Fprintf(w, "rejected rows of %s written to %s\n", f.Path, f.Rejects)
		}
	}
	fmt.Fprintln(w, r.Summary())
}

// Summary is the report in one line.
func (r *Report) Summary() string {
	counts := count(r.ErrorCount, "error") + ", " + count(r.WarningCount, "warning")
	switch r.Outcome {
	case Loaded:
		s := fmt.Sprintf("loaded %s of %s as batch %s", count(int(r.Rows), "row"), r.Dataset, r.Batch)
		if r.Rejected > 0 {
			s += fmt.Sprintf(", leaving out %s", count(int(r.Rejected), "invalid row"))
		}
		if r.Replaced != "" {
			s += ", replacing batch " + r.Replaced
		}
		return s + " (" + counts + ")"
	case Duplicate:
		return fmt.Sprintf("nothing added: the same %s content is already loaded as batch %s", r.Dataset, r.Existing)
	case Checked:
		return fmt.Sprintf("dry run: %s of %s would be loaded, %d left out (%s); nothing was written", count(int(r.Rows), "row"), r.Dataset, r.Rejected, counts)
	}
	return fmt.Sprintf("nothing loaded: %s; fix the files, or load the valid rows with --skip-invalid", counts)
}

// count writes n things: "1 error", "2 errors", "0 errors".
func count(n int, thing string) string {
	return fmt.Sprintf("%d %s", n, plural(n, thing))
}

func plural(n int, thing string) string {
	if n == 1 {
		return thing
	}
	return thing + "s"
}

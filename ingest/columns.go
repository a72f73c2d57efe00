package ingest

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/careerkpi/careerkpi/ingest/cell"
	"github.com/careerkpi/careerkpi/ingest/table"
)

// source is where one field's values come from in one file.
type source struct {
	field    *Field
	col      int               // the column, or -1
	constant *string           // a mapping's constant
	yearsCol int               // years_before_as_of: the column of whole years, or -1
	values   map[string]string // a mapping's values, keyed by headerKey
	order    cell.DateOrder
}

// plan is how the columns of one file map to a dataset's fields.
type plan struct {
	ds   *Dataset
	file string
	f    *table.File
	// sources holds each field's source, by the field's position in the
	// dataset; nil for a field the file does not give.
	sources []*source
	// columns describes each used column, "入社日 → hire_date"; ignored
	// lists the unused ones.
	columns, ignored []string
	// known is how many header columns the plan has matched: a JSON Lines
	// file's header grows as later lines bring new keys.
	known int
}

// newPlan matches the file's header to the dataset's fields, the mapping's
// columns first. It reports missing required fields and headers that look
// like a field's name, and returns false if the file cannot be loaded.
func newPlan(ds *Dataset, f *table.File, file string, m *Mapping, rep *Report, optional map[string]bool) (*plan, bool) {
	p := &plan{ds: ds, file: file, f: f, sources: make([]*source, len(ds.Fields))}
	header := f.Header()
	order, _ := dateOrder(mappingDateOrder(m))
	used := make([]bool, len(header))
	colByName := func(name string) int {
		k := headerKey(name)
		for i, h := range header {
			if h == name {
				return i
			}
		}
		for i, h := range header {
			if headerKey(h) == k {
				return i
			}
		}
		return -1
	}
	ok := true
	if m != nil {
		for name, c := range m.Columns {
			fd, _ := ds.Field(name)
			src := &source{field: fd, col: -1, yearsCol: -1, order: order, constant: c.Constant}
			if c.DateOrder != "" {
				src.order, _ = dateOrder(c.DateOrder)
			}
			if len(c.Values) > 0 {
				src.values = map[string]string{}
				for from, to := range c.Values {
					src.values[headerKey(from)] = to
				}
			}
			for _, ref := range []struct {
				name string
				dst  *int
			}{{c.Column, &src.col}, {c.YearsBeforeAsOf, &src.yearsCol}} {
				if ref.name == "" {
					continue
				}
				i := colByName(ref.name)
				if i < 0 {
					rep.fileError(file, "the mapping names column %q for %s, but the file has no such column (it has %s)", ref.name, name, strings.Join(header, ", "))
					ok = false
					continue
				}
				*ref.dst = i
				used[i] = true
			}
			p.sources[fd.index] = src
		}
	}
	for i, h := range header {
		if used[i] {
			continue
		}
		fd, match := ds.matchField(h)
		if !match {
			continue
		}
		if prev := p.sources[fd.index]; prev != nil {
			if prev.col >= 0 && prev.col != i && (m == nil || m.Columns[fd.Name].Column == "") {
				rep.fileError(file, "columns %q and %q both look like %s; name the one to use in a mapping file", header[prev.col], h, fd.Name)
				ok = false
			}
			continue
		}
		p.sources[fd.index] = &source{field: fd, col: i, yearsCol: -1, order: order}
		used[i] = true
	}
	for i, h := range header {
		if used[i] {
			for _, src := range p.sources {
				if src != nil && src.col == i {
					p.columns = append(p.columns, h+" → "+src.field.Name)
				}
			}
			continue
		}
		p.ignored = append(p.ignored, h)
		if fd, name, close := ds.closestField(h); close {
			if p.sources[fd.index] == nil {
				rep.add(Issue{Severity: SeverityWarning, File: file, Column: f.ColumnName(i),
					Reason: fmt.Sprintf("column %q is not used; did you mean %s (%s)? Rename it or map it in a mapping file", h, fd.Name, name)})
			}
		}
	}
	p.known = len(header)
	if f.Format() == table.JSONLines {
		// A key of a later line may bring a required field yet.
		return p, ok
	}
	for _, fd := range ds.Fields {
		if !fd.Required || p.sources[fd.index] != nil || optional[fd.Name] {
			continue
		}
		reason := fmt.Sprintf("no column for %s; a column headed %s would do", fd.Name, strings.Join(append([]string{fd.Name}, firstN(fd.Headers, 4)...), ", "))
		for _, h := range p.ignored {
			if g, _, close := ds.closestField(h); close && g.Name == fd.Name {
				reason += fmt.Sprintf("; did you mean column %q?", h)
			}
		}
		rep.fileError(file, "%s, or map it in a mapping file", reason)
		ok = false
	}
	return p, ok
}

// extend matches the columns the header gained since the plan was made
// (new keys in a JSON Lines file) to the fields that have no column yet.
func (p *plan) extend() {
	header := p.f.Header()
	order, _ := dateOrder("")
	for _, src := range p.sources {
		if src != nil {
			order = src.order
			break
		}
	}
	for i := p.known; i < len(header); i++ {
		fd, ok := p.ds.matchField(header[i])
		if !ok || p.sources[fd.index] != nil {
			p.ignored = append(p.ignored, header[i])
			continue
		}
		p.sources[fd.index] = &source{field: fd, col: i, yearsCol: -1, order: order}
		p.columns = append(p.columns, header[i]+" → "+fd.Name)
	}
	p.known = len(header)
}

func mappingDateOrder(m *Mapping) string {
	if m == nil {
		return ""
	}
	return m.DateOrder
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// has reports whether the file gives field a value.
func (p *plan) has(f *Field) bool { return p.source(f) != nil }

// source returns where the file gives field f, or nil.
func (p *plan) source(f *Field) *source {
	if f != &p.ds.Fields[f.index] {
		panic("ingest: field " + f.Name + " read from a file of dataset " + p.ds.Name)
	}
	return p.sources[f.index]
}

// row reads the fields of one record, recording what is wrong with it.
type row struct {
	p   *plan
	rec table.Record
	// asOf is the snapshot date, for years_before_as_of.
	asOf time.Time
	// bad is set when the row has an error: it is not loaded.
	bad bool
	// issues are the row's issues, reported if it is kept or rejected.
	issues []Issue
	// cache holds, by field, what the row has read before from the same
	// file: HR files repeat a few labels and a few thousand days millions
	// of times.
	cache []fieldCache
}

// fieldCache remembers the value of each distinct text of an Enum field,
// and the date of each distinct text of a Date field.
type fieldCache struct {
	seen  map[string]string
	dates map[string]time.Time
}

func (r *row) cached(f *Field) *fieldCache {
	if r.cache == nil {
		r.cache = make([]fieldCache, len(r.p.ds.Fields))
	}
	return &r.cache[f.index]
}

func (r *row) reset(rec table.Record) {
	r.rec, r.bad, r.issues = rec, false, r.issues[:0]
}

func (r *row) errorf(field *Field, format string, args ...any) {
	r.bad = true
	r.issues = append(r.issues, Issue{Severity: SeverityError, File: r.p.file, Line: r.rec.Line, Column: r.column(field), Reason: fmt.Sprintf(format, args...)})
}

func (r *row) warnf(field *Field, format string, args ...any) {
	r.issues = append(r.issues, Issue{Severity: SeverityWarning, File: r.p.file, Line: r.rec.Line, Column: r.column(field), Reason: fmt.Sprintf(format, args...)})
}

// column names the column a field comes from, for messages.
func (r *row) column(field *Field) string {
	src := r.p.source(field)
	switch {
	case src == nil:
		return ""
	case src.col >= 0:
		return r.p.f.ColumnName(src.col)
	case src.yearsCol >= 0:
		return r.p.f.ColumnName(src.yearsCol)
	}
	return field.Name
}

// raw returns the normalised text of a field, or "" when it is absent.
func (r *row) raw(field *Field) string {
	src := r.p.source(field)
	if src == nil {
		return ""
	}
	if src.constant != nil {
		return cell.Normalize(*src.constant)
	}
	if src.col < 0 || src.col >= len(r.rec.Fields) {
		return ""
	}
	return cell.Normalize(r.rec.Fields[src.col])
}

// text returns a text field. The string may point into the file's buffer:
// it is valid until the next record, which is as long as a row lives (rows
// are encoded before the next record is read). Whatever keeps a text longer
// — a map of the values seen — must clone it.
func (r *row) text(field *Field) string {
	src := r.p.source(field)
	s := r.raw(field)
	if s == "" || src == nil {
		return ""
	}
	if src.values != nil {
		if v, ok := src.values[headerKey(s)]; ok {
			return v
		}
	}
	return s
}

// required returns a text field that must not be empty.
func (r *row) required(field *Field) string {
	s := r.text(field)
	if s == "" {
		r.errorf(field, "%s is empty", field.Name)
	}
	return s
}

// date returns a date field; ok is false when it is empty or wrong.
func (r *row) date(field *Field) (time.Time, bool) {
	src := r.p.source(field)
	if src == nil {
		return time.Time{}, false
	}
	if src.yearsCol >= 0 {
		return r.yearsBefore(field, src)
	}
	s := r.raw(field)
	if s == "" {
		return time.Time{}, false
	}
	if len(s) < 5 && strings.Trim(s, "0123456789") == "" {
		// A small bare number would read as an Excel serial date before
		// 1927: far likelier a year or a typo than such a date.
		r.errorf(field, "%q is not a date (write it as 2025-04-01 or 2025/4/1)", s)
		return time.Time{}, false
	}
	c := r.cached(field)
	if d, ok := c.dates[s]; ok {
		return d, true
	}
	d, err := cell.Date(s, src.order)
	if err != nil {
		if errors.Is(err, cell.ErrAmbiguous) {
			r.errorf(field, "%v: in a mapping file, date_order: MDY (or DMY)", err)
		} else {
			r.errorf(field, "%v", err)
		}
		return time.Time{}, false
	}
	if c.dates == nil {
		c.dates = map[string]time.Time{}
	}
	if len(c.dates) < 1<<14 {
		c.dates[strings.Clone(s)] = d
	}
	return d, true
}

// yearsBefore computes a date whole years before the snapshot date.
func (r *row) yearsBefore(field *Field, src *source) (time.Time, bool) {
	s := ""
	if src.yearsCol < len(r.rec.Fields) {
		s = cell.Normalize(r.rec.Fields[src.yearsCol])
	}
	n, err := cell.Int(s)
	if err != nil || n < 0 || n > 100 {
		r.errorf(field, "%q is not a number of years for %s", s, field.Name)
		return time.Time{}, false
	}
	if r.asOf.IsZero() {
		r.errorf(field, "%s counts years before the snapshot date, but the file has none: give --as-of or as_of in the mapping", field.Name)
		return time.Time{}, false
	}
	return r.asOf.AddDate(-int(n), 0, 0), true
}

// requiredDate returns a date field that must be given.
func (r *row) requiredDate(field *Field) time.Time {
	d, ok := r.date(field)
	if !ok && r.raw(field) == "" && r.p.source(field) != nil && r.p.source(field).yearsCol < 0 {
		r.errorf(field, "%s is empty", field.Name)
	}
	return d
}

// optDate returns a date field or nil.
func (r *row) optDate(field *Field) *time.Time {
	if d, ok := r.date(field); ok {
		return &d
	}
	return nil
}

// boolean returns a yes/no field or nil.
func (r *row) boolean(field *Field) *bool {
	s := r.raw(field)
	if s == "" {
		return nil
	}
	if src := r.p.source(field); src.values != nil {
		if v, ok := src.values[headerKey(s)]; ok {
			s = v
		}
	}
	b, err := cell.Bool(s)
	if err != nil {
		r.errorf(field, "%v", err)
		return nil
	}
	return &b
}

// integer returns a whole-number field or nil.
func (r *row) integer(field *Field) *int64 {
	s := r.raw(field)
	if s == "" {
		return nil
	}
	n, err := cell.Int(s)
	if err != nil {
		r.errorf(field, "%v", err)
		return nil
	}
	return &n
}

// number returns a numeric field or nil.
func (r *row) number(field *Field) *float64 {
	s := r.raw(field)
	if s == "" {
		return nil
	}
	x, err := cell.Float(s)
	if err != nil {
		r.errorf(field, "%v", err)
		return nil
	}
	return &x
}

// enum returns the value of an Enum field, "" when it is empty.
func (r *row) enum(field *Field) string {
	src := r.p.source(field)
	s := r.raw(field)
	if s == "" || src == nil {
		return ""
	}
	c := r.cached(field)
	if v, ok := c.seen[s]; ok {
		return v
	}
	v, ok := "", false
	if src.values != nil {
		v, ok = src.values[headerKey(s)]
	}
	if !ok {
		v, ok = src.field.enumValue(s)
	}
	if !ok {
		r.errorf(field, "%q is not a %s; use one of %s", s, field.Name, src.field.valueNames())
		return ""
	}
	if c.seen == nil {
		c.seen = map[string]string{}
	}
	c.seen[strings.Clone(s)] = v
	return v
}

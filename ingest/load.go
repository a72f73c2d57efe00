package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/careerkpi/careerkpi/catalog"
	"github.com/careerkpi/careerkpi/ingest/cell"
	"github.com/careerkpi/careerkpi/ingest/table"
	"github.com/careerkpi/careerkpi/queries"
)

// ReplaceSameSource asks Load to replace the latest batch of the dataset
// that was loaded from files of the same names.
const ReplaceSameSource = "same-source"

// Request says what to load and how.
type Request struct {
	// Dataset is the dataset's name (see Datasets).
	Dataset string
	// Files are the input files; one load of several files is one batch.
	Files []string
	// Names, when set, are how messages name the files (an upload's
	// original names); by default their base names.
	Names []string
	// Mapping is the path of a mapping file, if any.
	Mapping string
	// AsOf is the snapshot date of an employees file, if the file and the
	// mapping do not give it.
	AsOf string
	// Sheet is the XLSX sheet to read (default: the first).
	Sheet string
	// Survey is the survey a responses file answers, when the file does
	// not say and no mapping defines it.
	Survey string
	// SkipInvalid loads the valid rows and writes the invalid ones to a
	// file beside the input; without it, one invalid row stops the load.
	SkipInvalid bool
	// DryRun checks everything and writes nothing.
	DryRun bool
	// Replace, when set, replaces a committed batch of the same dataset:
	// ReplaceSameSource, or the id of a batch (or a unique start or end
	// of it).
	Replace string
	// LoadedBy names who loads, for the record.
	LoadedBy string
	// DeferDerived leaves the tables derived from the loaded batches
	// (queries.RefreshDerived) to the caller: a run of loads rebuilds them
	// once, after the last. Without it a load rebuilds them before it
	// returns, so that the next query does not wait for it.
	DeferDerived bool
	// Progress, if set, is called as the files are read.
	Progress func(Progress)
}

// Progress is how far a load has read its files.
type Progress struct {
	Bytes, TotalBytes int64
	Rows              int64
}

// input is one file of a load.
type input struct {
	path, name string
	f          *table.File
	plan       *plan
	report     *FileReport
	rejects    *rejects
	read       int64 // how far the records taken so far reach into the file
}

// run is the state of one load.
type run struct {
	ctx     context.Context
	store   queries.Store
	req     Request
	ds      *Dataset
	rep     *Report
	inputs  []*input
	mapping *Mapping
	asOf    *time.Time
	batch   queries.Batch
	hash    *contentHash
	fatal   bool // the files could not be read to their end
}

// Load loads the files of req as one batch and reports what it did. Problems
// with the input are in the report (its Outcome says whether anything was
// loaded); the error is for failures of the store.
func Load(ctx context.Context, s queries.Store, req Request) (*Report, error) {
	start := time.Now()
	ds, err := DatasetByName(req.Dataset)
	if err != nil {
		return nil, err
	}
	if len(req.Files) == 0 {
		return nil, errors.New("ingest: no files to load")
	}
	rep := &Report{Dataset: ds.Name, Outcome: Invalid, Errors: []Issue{}, Warnings: []Issue{}}
	ru := &run{ctx: ctx, store: s, req: req, ds: ds, rep: rep, hash: newContentHash()}
	defer func() {
		for _, in := range ru.inputs {
			in.f.Close()
		}
		rep.Duration = time.Since(start)
	}()
	if err := ru.load(); err != nil {
		if ru.batch.ID != uuid.Nil {
			ru.abort()
		}
		return rep, err
	}
	// Rebuild the tables derived from the batches just changed, so that the
	// cost falls on the load rather than the next query. Should it fail, the
	// load stands and the next query rebuilds them.
	if rep.Outcome == Loaded && !req.DeferDerived {
		if err := queries.RefreshDerived(ctx, s); err != nil {
			rep.Warnings = append(rep.Warnings, Issue{Severity: SeverityWarning, File: strings.Join(req.Files, ", "),
				Reason: fmt.Sprintf("loaded, but the tables derived from it were not rebuilt (%v); the next query rebuilds them", err)})
		}
	}
	return rep, nil
}

func (ru *run) load() error {
	req, rep := ru.req, ru.rep
	if !ru.prepare() {
		return nil
	}
	source := ru.sourceName()
	srcHash := ru.sourceHash()
	if !req.DryRun && req.Replace == "" {
		if b, err := queries.Get[queries.Batch](ru.ctx, ru.store, queries.SQL("batch_by_source"), queries.Params{"dataset": ru.ds.Name, "hash": srcHash}); err == nil {
			rep.Outcome, rep.Existing = Duplicate, b.ID.String()
			return nil
		} else if !errors.Is(err, queries.ErrNoRows) {
			return err
		}
	}
	var replaced *queries.Batch
	if req.Replace != "" {
		b, err := ru.replaceTarget(source)
		if err != nil {
			if errors.Is(err, errNoTarget) {
				rep.fileError(source, "%v", err)
				return nil
			}
			return err
		}
		replaced = &b
	}
	if !req.DryRun {
		b, err := queries.BeginBatch(ru.ctx, ru.store, queries.Batch{Dataset: ru.ds.Name, Source: source, SourceHash: srcHash, LoadedBy: req.LoadedBy})
		if err != nil {
			return err
		}
		ru.batch = b
	}
	j, ok, err := ru.job()
	if err != nil {
		return err
	}
	if ok {
		if err := j.write(ru); err != nil {
			return err
		}
	}
	for _, in := range ru.inputs {
		if in.rejects != nil {
			if err := in.rejects.close(); err != nil {
				return err
			}
		}
	}
	switch {
	case !ok || ru.fatal || rep.ErrorCount > 0 && !req.SkipInvalid:
		rep.Outcome = Invalid
		return ru.abort()
	case rep.Rows == 0:
		rep.fileError(source, "the files hold no rows to load")
		rep.Outcome = Invalid
		return ru.abort()
	case req.DryRun:
		rep.Outcome = Checked
		return nil
	}
	if err := j.writeExtra(ru); err != nil {
		return err
	}
	content := ru.hash.String(ru.ds.Name)
	if b, err := queries.Get[queries.Batch](ru.ctx, ru.store, queries.SQL("batch_by_content"), queries.Params{"dataset": ru.ds.Name, "hash": content}); err == nil {
		rep.Outcome, rep.Existing = Duplicate, b.ID.String()
		return ru.abort()
	} else if !errors.Is(err, queries.ErrNoRows) {
		return err
	}
	ru.batch.Rows, ru.batch.Rejected, ru.batch.ContentHash = uint64(rep.Rows), uint64(rep.Rejected), content
	var with []queries.StateChange
	if replaced != nil {
		ru.batch.Replaces = &replaced.ID
		with = append(with, queries.StateChange{Batch: *replaced, State: queries.BatchReplaced})
	}
	committed, err := queries.Commit(ru.ctx, ru.store, ru.batch, with...)
	if err != nil {
		return err
	}
	ru.batch = committed
	rep.Outcome, rep.Batch = Loaded, committed.ID.String()
	if replaced != nil {
		rep.Replaced = replaced.ID.String()
		if err := queries.DeleteBatchRows(ru.ctx, ru.store, []uuid.UUID{replaced.ID}); err != nil {
			return err
		}
	}
	return nil
}

// prepare reads the mapping and opens the files; false if they cannot be used.
func (ru *run) prepare() bool {
	req, rep := ru.req, ru.rep
	if req.Mapping != "" {
		m, err := ReadMapping(req.Mapping, ru.ds)
		if err != nil {
			rep.fileError(filepath.Base(req.Mapping), "%v", strings.TrimPrefix(err.Error(), "ingest: mapping "+req.Mapping+": "))
			return false
		}
		ru.mapping = m
	}
	asOf := req.AsOf
	if asOf == "" && ru.mapping != nil {
		asOf = ru.mapping.AsOf
	}
	if asOf != "" {
		d, err := cell.Date(asOf, cell.YMD)
		if err != nil {
			rep.fileError("--as-of", "%v", err)
			return false
		}
		ru.asOf = &d
	}
	sheet := req.Sheet
	if sheet == "" && ru.mapping != nil {
		sheet = ru.mapping.Sheet
	}
	for i, path := range req.Files {
		name := filepath.Base(path)
		if i < len(req.Names) && req.Names[i] != "" {
			name = req.Names[i]
		}
		f, err := table.Open(path, table.Options{Sheet: sheet})
		if err != nil {
			var te *table.Error
			if errors.As(err, &te) {
				rep.add(Issue{Severity: SeverityError, File: name, Line: te.Line, Column: te.Column, Reason: te.Reason})
			} else {
				rep.fileError(name, "%v", err)
			}
			continue
		}
		fr := FileReport{Path: name, Format: string(f.Format()), Encoding: f.Encoding()}
		rep.Files = append(rep.Files, fr)
		ru.inputs = append(ru.inputs, &input{path: path, name: name, f: f, report: &rep.Files[len(rep.Files)-1]})
	}
	// rep.Files may have moved while growing: point the inputs at the final slice.
	for i, in := range ru.inputs {
		in.report = &rep.Files[i]
	}
	return rep.ErrorCount == 0
}

// plans matches the header of every file; false if one cannot be loaded.
func (ru *run) plans(optional map[string]bool, check func(*plan) bool) bool {
	ok := true
	for _, in := range ru.inputs {
		p, good := newPlan(ru.ds, in.f, in.name, ru.mapping, ru.rep, optional)
		in.plan = p
		in.report.Columns, in.report.Ignored = p.columns, p.ignored
		if good && check != nil {
			good = check(p)
		}
		ok = ok && good
	}
	return ok
}

func (ru *run) sourceName() string {
	names := make([]string, len(ru.inputs))
	for i, in := range ru.inputs {
		names[i] = in.name
	}
	return strings.Join(names, ", ")
}

// sourceHash identifies the inputs: the files' bytes, the mapping and the
// options that shape the rows.
func (ru *run) sourceHash() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x1f%s\x1f%s\x1f%s\x1f", ru.ds.Name, ru.req.AsOf, ru.req.Sheet, ru.req.Survey)
	if ru.req.Mapping != "" {
		b, _ := os.ReadFile(ru.req.Mapping)
		h.Write(b)
	}
	sums := make([]string, len(ru.inputs))
	for i, in := range ru.inputs {
		s := in.f.Digest()
		sums[i] = hex.EncodeToString(s[:])
	}
	slices.Sort(sums)
	fmt.Fprint(h, strings.Join(sums, ","))
	return hex.EncodeToString(h.Sum(nil))
}

var errNoTarget = errors.New("nothing to replace")

// replaceTarget finds the committed batch a load replaces.
func (ru *run) replaceTarget(source string) (queries.Batch, error) {
	all, err := queries.Batches(ru.ctx, ru.store)
	if err != nil {
		return queries.Batch{}, err
	}
	var found []queries.Batch
	for _, b := range all {
		if b.Dataset != ru.ds.Name || b.State != queries.BatchCommitted {
			continue
		}
		id := b.ID.String()
		if ru.req.Replace == ReplaceSameSource && b.Source == source || ru.req.Replace != ReplaceSameSource && (strings.HasPrefix(id, ru.req.Replace) || strings.HasSuffix(id, ru.req.Replace)) {
			found = append(found, b)
		}
	}
	switch {
	case len(found) == 0 && ru.req.Replace == ReplaceSameSource:
		return queries.Batch{}, fmt.Errorf("%w: no committed %s batch was loaded from %s", errNoTarget, ru.ds.Name, source)
	case len(found) == 0:
		return queries.Batch{}, fmt.Errorf("%w: no committed %s batch has an id starting or ending with %s (see `careerkpi loads`)", errNoTarget, ru.ds.Name, ru.req.Replace)
	case len(found) > 1 && ru.req.Replace != ReplaceSameSource:
		return queries.Batch{}, fmt.Errorf("%w: %d batches have ids starting or ending with %s; give more of the id", errNoTarget, len(found), ru.req.Replace)
	}
	return found[0], nil // Batches lists the newest first
}

// abort marks the batch aborted and deletes what it wrote.
func (ru *run) abort() error {
	if ru.batch.ID == uuid.Nil {
		return nil
	}
	b := ru.batch
	ru.batch = queries.Batch{}
	ctx := context.WithoutCancel(ru.ctx)
	if _, err := queries.ChangeStates(ctx, ru.store, queries.StateChange{Batch: b, State: queries.BatchAborted}); err != nil {
		return err
	}
	return queries.DeleteBatchRows(ctx, ru.store, []uuid.UUID{b.ID})
}

// accepting reports whether rows still go to the store: not after an error,
// unless invalid rows are skipped.
func (ru *run) accepting() bool {
	return !ru.fatal && (ru.req.SkipInvalid || ru.rep.ErrorCount == 0)
}

func (ru *run) progress(force bool) {
	if ru.req.Progress == nil {
		return
	}
	var p Progress
	for _, in := range ru.inputs {
		p.Bytes += in.read
		p.TotalBytes += in.f.Size()
	}
	p.Rows = ru.rep.Rows
	ru.req.Progress(p)
}

// job is the dataset-specific part of a load.
type job interface {
	// write streams the rows of the files into the batch (or, in a dry
	// run, through the checks only).
	write(ru *run) error
	// writeExtra writes the rows that go to other tables than the
	// streamed one (a survey definition's surveys), once the stream is done.
	writeExtra(ru *run) error
}

// stream is a job that writes one table from the rows parse makes of each
// record, plus the rows extra returns for other tables.
type stream[R any] struct {
	table string
	parse func(*row, func(R))
	key   func(*R, []byte) []byte
	extra func() []extraRows
	// fork, when set, returns another parser that parse's records can be
	// divided with: one that keeps no state across records but its own.
	fork func() func(*row, func(R))
}

// extraRows are rows for another table of the same batch, and the keys of
// their rows for the content hash (none when already counted).
type extraRows struct {
	table string
	src   queries.Source
	keys  [][]byte
}

func (s stream[R]) write(ru *run) error {
	seq := rows(ru, s)
	if ru.req.DryRun {
		for _, err := range seq {
			if err != nil {
				return err
			}
		}
		return nil
	}
	_, err := ru.store.Insert(ru.ctx, s.table, queries.Structs(seq))
	return err
}

func (s stream[R]) writeExtra(ru *run) error {
	if s.extra == nil {
		return nil
	}
	for _, x := range s.extra() {
		for _, k := range x.keys {
			ru.hash.add(k)
		}
		if _, err := ru.store.Insert(ru.ctx, x.table, x.src); err != nil {
			return err
		}
	}
	return nil
}

// rows reads every record of the run's files, parses it, and yields the rows
// to write: every valid row while the load accepts rows. It counts and
// reports as it goes. A stream that can fork its parser is parsed by
// several workers at once (see parallel.go).
func rows[R any](ru *run, s stream[R]) iter.Seq2[R, error] {
	if s.fork != nil && parallel(ru) {
		return parallelRows(ru, s)
	}
	return func(yield func(R, error) bool) {
		var pending []R
		emit := func(x R) { pending = append(pending, x) }
		t := newTally(ru, s.key)
		for _, in := range ru.inputs {
			r := row{p: in.plan}
			if ru.asOf != nil {
				r.asOf = *ru.asOf
			}
			for {
				rec, err := in.f.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					if !t.readError(in, err, yield) {
						return
					}
					break
				}
				in.report.Rows++
				if len(in.f.Header()) > in.plan.known {
					in.plan.extend()
					in.report.Columns, in.report.Ignored = in.plan.columns, in.plan.ignored
				}
				r.reset(rec)
				pending = pending[:0]
				s.parse(&r, emit)
				in.read = in.f.Offset()
				if !t.record(in, rec, pending, r.issues, r.bad, yield) {
					return
				}
			}
		}
		ru.progress(true)
	}
}

// tally takes the parsed records in file order: it reports their issues,
// rejects the bad ones, adds the good ones to the content hash (unless key
// is nil: the workers have) and yields their rows.
type tally[R any] struct {
	ru  *run
	key func(*R, []byte) []byte
	buf []byte
	n   int
}

func newTally[R any](ru *run, key func(*R, []byte) []byte) *tally[R] {
	return &tally[R]{ru: ru, key: key, buf: make([]byte, 0, 256)}
}

// record takes one record's rows and issues; false when the iteration ends.
func (t *tally[R]) record(in *input, rec table.Record, rows []R, issues []Issue, bad bool, yield func(R, error) bool) bool {
	ru := t.ru
	var zero R
	for _, is := range issues {
		ru.rep.add(is)
	}
	if bad {
		ru.rep.Rejected++
		if ru.req.SkipInvalid && !ru.req.DryRun {
			if err := ru.reject(in, rec, issues); err != nil {
				yield(zero, err)
				return false
			}
		}
		return true
	}
	for i := range rows {
		if t.key != nil {
			t.buf = t.key(&rows[i], t.buf[:0])
			ru.hash.add(t.buf)
		}
		ru.rep.Rows++
		if ru.accepting() && !yield(rows[i], nil) {
			return false
		}
	}
	if t.n++; t.n%8192 == 0 {
		if err := ru.ctx.Err(); err != nil {
			yield(zero, err)
			return false
		}
		ru.progress(false)
	}
	return true
}

// readError takes an error reading in: bad input ends the file, with an
// issue; anything else ends the iteration (false).
func (t *tally[R]) readError(in *input, err error, yield func(R, error) bool) bool {
	var te *table.Error
	if !errors.As(err, &te) {
		var zero R
		yield(zero, err)
		return false
	}
	t.ru.rep.add(Issue{Severity: SeverityError, File: in.name, Line: te.Line, Column: te.Column, Reason: te.Reason + "; the rest of the file was not read"})
	t.ru.fatal = true
	return true
}

// job returns the dataset's job, after loading the reference data its checks
// need and matching the files' columns. ok is false when the files cannot be
// loaded.
func (ru *run) job() (job, bool, error) {
	id := ru.batch.ID
	switch ru.ds {
	case employeesDataset:
		e := &employees{batch: id, asOf: ru.asOf, lines: map[time.Time]map[string]string{}}
		return stream[employeeRow]{table: "raw_employee_snapshots", parse: e.parse, key: (*employeeRow).key}, ru.plans(nil, nil), nil
	case programsDataset:
		p := &programs{batch: id, lines: map[string]string{}}
		return stream[programRow]{table: "raw_programs", parse: p.parse, key: (*programRow).key}, ru.plans(nil, nil), nil
	case eventsDataset:
		progs, err := ru.programs()
		if err != nil {
			return nil, false, err
		}
		emp, err := ru.employment()
		if err != nil {
			return nil, false, err
		}
		e := newEvents(id, progs, emp)
		fork := func() func(*row, func(eventRow)) { return e.fork().parse }
		return stream[eventRow]{table: "raw_program_events", parse: e.parse, key: (*eventRow).key, fork: fork}, ru.plans(nil, nil), nil
	case surveysDataset:
		d := &surveyDefs{batch: id, surveys: map[string]*surveyRow{}, items: map[string]map[string]string{}}
		extra := func() []extraRows {
			svs := make([]surveyRow, 0, len(d.order))
			var keys [][]byte
			for _, sid := range d.order {
				sv := d.surveys[sid]
				svs = append(svs, *sv)
				keys = append(keys, sv.key(nil))
			}
			return []extraRows{{table: "raw_surveys", src: queries.Slice(svs), keys: keys}}
		}
		return stream[itemRow]{table: "raw_survey_items", parse: d.parse, key: (*itemRow).key, extra: extra}, ru.plans(nil, nil), nil
	case responsesDataset:
		return ru.responsesJob()
	}
	return nil, false, fmt.Errorf("ingest: no loader for dataset %s", ru.ds.Name)
}

func (ru *run) responsesJob() (job, bool, error) {
	emp, err := ru.employment()
	if err != nil {
		return nil, false, err
	}
	surveys, err := ru.surveys()
	if err != nil {
		return nil, false, err
	}
	a := &responses{batch: ru.batch.ID, surveys: surveys, employment: emp, wide: map[*plan][]wideItem{}, seen: map[string]string{}}
	var extra func() []extraRows
	switch {
	case ru.mapping != nil && ru.mapping.Survey != nil:
		info, sv, items := surveyFromMapping(ru.mapping.Survey, ru.batch.ID)
		a.fixed = info
		surveys[info.ID] = info
		extra = func() []extraRows {
			return []extraRows{{table: "raw_surveys", src: queries.Slice([]surveyRow{sv})}, {table: "raw_survey_items", src: queries.Slice(items)}}
		}
		// The definition is part of the content: a changed definition is
		// a different load.
		buf := sv.key(nil)
		for i := range items {
			buf = items[i].key(buf)
		}
		ru.hash.add(buf)
	case ru.req.Survey != "":
		a.fixed = surveys[ru.req.Survey]
		if a.fixed == nil {
			ru.rep.fileError("--survey", "survey %s is not loaded; load its definition with `careerkpi load surveys` first", ru.req.Survey)
			return nil, false, nil
		}
	}
	optional := map[string]bool{}
	ok := ru.plans(optional, func(p *plan) bool { return a.preparePlan(p, ru.rep) })
	return stream[responseRow]{table: "raw_survey_responses", parse: a.parse, key: (*responseRow).key, extra: extra}, ok, nil
}

// surveyFromMapping turns a mapping's survey into the survey's rows and the
// information the checks need.
func surveyFromMapping(d *SurveyDefinition, batch uuid.UUID) (*surveyInfo, surveyRow, []itemRow) {
	closes, _ := cell.Date(d.ClosesOn, cell.YMD)
	opens := undated
	if d.OpensOn != "" {
		opens, _ = cell.Date(d.OpensOn, cell.YMD)
	}
	info := &surveyInfo{ID: d.ID, OpensOn: opens, ClosesOn: closes, Identified: d.Identified}
	sv := surveyRow{BatchID: batch, SurveyID: d.ID, TitleJA: d.TitleJA, TitleEN: d.TitleEN, OpensOn: opens, ClosesOn: closes, Identified: d.Identified}
	if d.Invited != nil {
		n := uint32(*d.Invited)
		sv.Invited = &n
	}
	scale, _ := surveysDataset.Field("scale")
	items := make([]itemRow, len(d.Items))
	for i, it := range d.Items {
		sc, _ := scale.enumValue(it.Scale)
		info.addItem(&itemInfo{ID: it.ID, Scale: sc, TextJA: it.TextJA, TextEN: it.TextEN, Column: it.Column})
		items[i] = itemRow{BatchID: batch, SurveyID: d.ID, ItemID: it.ID, Position: uint16(i + 1), TextJA: it.TextJA, TextEN: it.TextEN,
			Scale: sc, Theme: it.Theme, ReverseCoded: it.ReverseCoded, EngagementIndex: it.EngagementIndex}
	}
	return info, sv, items
}

// programs returns the built-in programs and the company's.
func (ru *run) programs() ([]catalog.Program, error) {
	type programInfo struct {
		ID       string `ch:"program_id"`
		Kind     string `ch:"kind"`
		Category string `ch:"category"`
		NameJA   string `ch:"name_ja"`
		NameEN   string `ch:"name_en"`
	}
	loaded, err := queries.Select[programInfo](ru.ctx, ru.store, queries.SQL("ingest_programs"), nil)
	if err != nil {
		return nil, fmt.Errorf("ingest: read the program catalog: %w", err)
	}
	progs := catalog.Builtin()
	for _, p := range loaded {
		progs = append(progs, catalog.Program{ID: p.ID, Kind: p.Kind, Category: catalog.Category(p.Category), NameJA: p.NameJA, NameEN: p.NameEN})
	}
	return progs, nil
}

// employment returns every employee's span of employment from the HR master.
func (ru *run) employment() (map[string]employment, error) {
	type span struct {
		ID          string     `ch:"employee_id"`
		Hire        time.Time  `ch:"hire_date"`
		Termination *time.Time `ch:"termination_date"`
	}
	out := map[string]employment{}
	for s, err := range queries.Each[span](ru.ctx, ru.store, queries.SQL("ingest_employment"), nil) {
		if err != nil {
			return nil, fmt.Errorf("ingest: read the HR master: %w", err)
		}
		out[s.ID] = employment{Hire: s.Hire, Termination: s.Termination}
	}
	return out, nil
}

// surveys returns the loaded surveys with their items.
func (ru *run) surveys() (map[string]*surveyInfo, error) {
	type sv struct {
		ID         string    `ch:"survey_id"`
		OpensOn    time.Time `ch:"opens_on"`
		ClosesOn   time.Time `ch:"closes_on"`
		Identified bool      `ch:"identified"`
		Batch      uuid.UUID `ch:"batch_id"`
	}
	type item struct {
		SurveyID string    `ch:"survey_id"`
		Batch    uuid.UUID `ch:"batch_id"`
		ID       string    `ch:"item_id"`
		Scale    string    `ch:"scale"`
		TextJA   string    `ch:"text_ja"`
		TextEN   string    `ch:"text_en"`
	}
	svs, err := queries.Select[sv](ru.ctx, ru.store, queries.SQL("ingest_surveys"), nil)
	if err != nil {
		return nil, fmt.Errorf("ingest: read the surveys: %w", err)
	}
	its, err := queries.Select[item](ru.ctx, ru.store, queries.SQL("ingest_survey_items"), nil)
	if err != nil {
		return nil, fmt.Errorf("ingest: read the survey items: %w", err)
	}
	out := map[string]*surveyInfo{}
	batchOf := map[string]uuid.UUID{}
	for _, s := range svs {
		out[s.ID] = &surveyInfo{ID: s.ID, OpensOn: s.OpensOn, ClosesOn: s.ClosesOn, Identified: s.Identified}
		batchOf[s.ID] = s.Batch
	}
	for _, it := range its {
		if s := out[it.SurveyID]; s != nil && batchOf[it.SurveyID] == it.Batch {
			s.addItem(&itemInfo{ID: it.ID, Scale: it.Scale, TextJA: it.TextJA, TextEN: it.TextEN})
		}
	}
	return out, nil
}

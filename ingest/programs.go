package ingest

import (
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/careerkpi/careerkpi/catalog"
)

// The fields parse reads.
var (
	progProgramID = programsDataset.mustField("program_id")
	progKind      = programsDataset.mustField("kind")
	progNameJA    = programsDataset.mustField("name_ja")
	progNameEN    = programsDataset.mustField("name_en")
	progCategory  = programsDataset.mustField("category")
)

// programRow is a row of raw_programs.
type programRow struct {
	BatchID    uuid.UUID `ch:"batch_id"`
	ProgramID  string    `ch:"program_id"`
	Kind       string    `ch:"kind"`
	Category   string    `ch:"category"`
	NameJA     string    `ch:"name_ja"`
	NameEN     string    `ch:"name_en"`
	SourceLine uint32    `ch:"source_line"`
}

func (p *programRow) key(b []byte) []byte {
	return appendStrings(b, p.ProgramID, p.Kind, p.Category, p.NameJA, p.NameEN)
}

// programs parses a company's program catalog.
type programs struct {
	batch uuid.UUID
	lines map[string]string // program id → where it first appears
}

func (p *programs) parse(r *row, emit func(programRow)) {
	out := programRow{
		BatchID:    p.batch,
		ProgramID:  r.required(progProgramID),
		Kind:       r.enum(progKind),
		NameJA:     r.text(progNameJA),
		NameEN:     r.text(progNameEN),
		SourceLine: uint32(r.rec.Line),
	}
	if out.Kind == "" && r.raw(progKind) == "" {
		r.errorf(progKind, "kind is empty; use one of %s", kindNames())
	}
	if k, ok := catalog.KindByID(out.Kind); ok {
		out.Category = string(k.Category)
		if c := r.enum(progCategory); c != "" && c != out.Category {
			r.errorf(progCategory, "a %s program belongs to %s, not %s", k.ID, k.Category, c)
		}
		if out.NameJA == "" && out.NameEN == "" {
			out.NameJA, out.NameEN = k.NameJA, k.NameEN
		}
	}
	if out.ProgramID != "" {
		where := r.p.file + ":" + strconv.Itoa(r.rec.Line)
		if first, dup := p.lines[out.ProgramID]; dup {
			r.errorf(progProgramID, "program %s appears twice (first at %s)", out.ProgramID, first)
		} else {
			p.lines[strings.Clone(out.ProgramID)] = where
		}
	}
	emit(out)
}

func kindNames() string {
	f, _ := programsDataset.Field("kind")
	return f.valueNames()
}

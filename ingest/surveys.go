package ingest

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The fields parse reads.
var (
	svSurveyID        = surveysDataset.mustField("survey_id")
	svItemID          = surveysDataset.mustField("item_id")
	svTextJA          = surveysDataset.mustField("text_ja")
	svTextEN          = surveysDataset.mustField("text_en")
	svScale           = surveysDataset.mustField("scale")
	svTheme           = surveysDataset.mustField("theme")
	svReverseCoded    = surveysDataset.mustField("reverse_coded")
	svEngagementIndex = surveysDataset.mustField("engagement_index")
	svTitleJA         = surveysDataset.mustField("title_ja")
	svTitleEN         = surveysDataset.mustField("title_en")
	svClosesOn        = surveysDataset.mustField("closes_on")
	svIdentified      = surveysDataset.mustField("identified")
	svOpensOn         = surveysDataset.mustField("opens_on")
	svInvited         = surveysDataset.mustField("invited")
)

// surveyRow is a row of raw_surveys.
type surveyRow struct {
	BatchID    uuid.UUID `ch:"batch_id"`
	SurveyID   string    `ch:"survey_id"`
	TitleJA    string    `ch:"title_ja"`
	TitleEN    string    `ch:"title_en"`
	OpensOn    time.Time `ch:"opens_on"`
	ClosesOn   time.Time `ch:"closes_on"`
	Invited    *uint32   `ch:"invited"`
	Identified bool      `ch:"identified"`
	SourceLine uint32    `ch:"source_line"`
}

// itemRow is a row of raw_survey_items.
type itemRow struct {
	BatchID         uuid.UUID `ch:"batch_id"`
	SurveyID        string    `ch:"survey_id"`
	ItemID          string    `ch:"item_id"`
	Position        uint16    `ch:"position"`
	TextJA          string    `ch:"text_ja"`
	TextEN          string    `ch:"text_en"`
	Scale           string    `ch:"scale"`
	Theme           string    `ch:"theme"`
	ReverseCoded    bool      `ch:"reverse_coded"`
	EngagementIndex bool      `ch:"engagement_index"`
	SourceLine      uint32    `ch:"source_line"`
}

func (it *itemRow) key(b []byte) []byte {
	b = appendStrings(b, it.SurveyID, it.ItemID, it.TextJA, it.TextEN, it.Scale, it.Theme, strconv.Itoa(int(it.Position)))
	rc, ei := it.ReverseCoded, it.EngagementIndex
	b = appendOptBool(b, &rc)
	return appendOptBool(b, &ei)
}

func (s *surveyRow) key(b []byte) []byte {
	b = appendStrings(b, s.SurveyID, s.TitleJA, s.TitleEN)
	b = appendDate(b, s.OpensOn)
	b = appendDate(b, s.ClosesOn)
	var inv *int64
	if s.Invited != nil {
		n := int64(*s.Invited)
		inv = &n
	}
	b = appendOptInt(b, inv)
	id := s.Identified
	return appendOptBool(b, &id)
}

// surveyDefs parses survey definitions: one row per item, the survey's own
// fields repeated on every row of its items.
type surveyDefs struct {
	batch   uuid.UUID
	surveys map[string]*surveyRow // in the order of first appearance: order
	order   []string
	items   map[string]map[string]string // survey → item → where it first appears
}

func (d *surveyDefs) parse(r *row, emit func(itemRow)) {
	sid := r.required(svSurveyID)
	it := itemRow{
		BatchID:         d.batch,
		SurveyID:        sid,
		ItemID:          r.required(svItemID),
		TextJA:          r.text(svTextJA),
		TextEN:          r.text(svTextEN),
		Scale:           r.enum(svScale),
		Theme:           r.text(svTheme),
		SourceLine:      uint32(r.rec.Line),
		ReverseCoded:    deref(r.boolean(svReverseCoded)),
		EngagementIndex: deref(r.boolean(svEngagementIndex)),
	}
	if it.Scale == "" && r.raw(svScale) == "" {
		r.errorf(svScale, "scale is empty")
	}
	if it.TextJA == "" && it.TextEN == "" {
		r.warnf(svTextJA, "item %s has no text", it.ItemID)
	}
	sv := surveyRow{
		BatchID:    d.batch,
		SurveyID:   sid,
		TitleJA:    r.text(svTitleJA),
		TitleEN:    r.text(svTitleEN),
		OpensOn:    undated,
		ClosesOn:   r.requiredDate(svClosesOn),
		Identified: deref(r.boolean(svIdentified)),
		SourceLine: uint32(r.rec.Line),
	}
	if o, ok := r.date(svOpensOn); ok {
		sv.OpensOn = o
		if !sv.ClosesOn.IsZero() && sv.ClosesOn.Before(o) {
			r.errorf(svClosesOn, "the survey closes on %s, before it opens on %s", sv.ClosesOn.Format(time.DateOnly), o.Format(time.DateOnly))
		}
	}
	if n := r.integer(svInvited); n != nil {
		if *n < 0 || *n > 1<<31 {
			r.errorf(svInvited, "%d is not a number of people", *n)
		} else {
			v := uint32(*n)
			sv.Invited = &v
		}
	}
	if sid == "" || r.bad {
		emit(it)
		return
	}
	if first, ok := d.surveys[sid]; !ok {
		// Kept until the stream ends: its texts must outlive the record.
		sv.SurveyID, sv.TitleJA, sv.TitleEN = strings.Clone(sv.SurveyID), strings.Clone(sv.TitleJA), strings.Clone(sv.TitleEN)
		sid = sv.SurveyID
		d.surveys[sid] = &sv
		d.order = append(d.order, sid)
		d.items[sid] = map[string]string{}
	} else if !sameSurvey(first, &sv) {
		r.errorf(svSurveyID, "survey %s is described differently on line %d (title, dates, invited or identified differ)", sid, first.SourceLine)
	}
	where := r.p.file + ":" + strconv.Itoa(r.rec.Line)
	if firstAt, dup := d.items[sid][it.ItemID]; dup {
		r.errorf(svItemID, "item %s of survey %s appears twice (first at %s)", it.ItemID, sid, firstAt)
	} else {
		d.items[sid][strings.Clone(it.ItemID)] = where
		it.Position = uint16(len(d.items[sid]))
	}
	emit(it)
}

func sameSurvey(a, b *surveyRow) bool {
	same := func(x, y string) bool { return x == "" || y == "" || x == y }
	return same(a.TitleJA, b.TitleJA) && same(a.TitleEN, b.TitleEN) && a.ClosesOn.Equal(b.ClosesOn) &&
		(a.OpensOn.Equal(undated) || b.OpensOn.Equal(undated) || a.OpensOn.Equal(b.OpensOn)) &&
		a.Identified == b.Identified && (a.Invited == nil || b.Invited == nil || *a.Invited == *b.Invited)
}

func deref(b *bool) bool { return b != nil && *b }

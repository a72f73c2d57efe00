package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/careerkpi/careerkpi/ingest/cell"
)

// The fields parse reads.
var (
	respSurveyID     = responsesDataset.mustField("survey_id")
	respDepartment   = responsesDataset.mustField("department")
	respGrade        = responsesDataset.mustField("grade")
	respTenureBand   = responsesDataset.mustField("tenure_band")
	respRespondedAt  = responsesDataset.mustField("responded_at")
	respEmployeeID   = responsesDataset.mustField("employee_id")
	respRespondentID = responsesDataset.mustField("respondent_id")
	respItemID       = responsesDataset.mustField("item_id")
	respValue        = responsesDataset.mustField("value")
)

// responseRow is a row of raw_survey_responses: one answer.
type responseRow struct {
	BatchID           uuid.UUID  `ch:"batch_id"`
	SurveyID          string     `ch:"survey_id"`
	RespondentID      string     `ch:"respondent_id"`
	EmployeeID        string     `ch:"employee_id"`
	ItemID            string     `ch:"item_id"`
	Value             *uint8     `ch:"value"`
	Text              string     `ch:"text"`
	SegmentDepartment string     `ch:"segment_department"`
	SegmentGrade      string     `ch:"segment_grade"`
	SegmentTenureBand string     `ch:"segment_tenure_band"`
	RespondedAt       *time.Time `ch:"responded_at"`
	SourceLine        uint32     `ch:"source_line"`
}

func (a *responseRow) key(b []byte) []byte {
	b = appendStrings(b, a.SurveyID, a.RespondentID, a.EmployeeID, a.ItemID, a.Text, a.SegmentDepartment, a.SegmentGrade, a.SegmentTenureBand)
	var v *int64
	if a.Value != nil {
		n := int64(*a.Value)
		v = &n
	}
	b = appendOptInt(b, v)
	return appendOptDate(b, a.RespondedAt)
}

// surveyInfo is what checking answers needs of a survey.
type surveyInfo struct {
	ID         string
	OpensOn    time.Time
	ClosesOn   time.Time
	Identified bool
	items      map[string]*itemInfo // by item id
	order      []*itemInfo
}

type itemInfo struct {
	ID     string
	Scale  string
	TextJA string
	TextEN string
	// Column is the column of a wide export a mapping names.
	Column string
}

func (s *surveyInfo) addItem(it *itemInfo) {
	if s.items == nil {
		s.items = map[string]*itemInfo{}
	}
	s.items[it.ID] = it
	s.order = append(s.order, it)
}

// itemForHeader finds the item a wide export's column is about: by the
// column a mapping gives, by item id, or by the item's text.
func (s *surveyInfo) itemForHeader(h string) *itemInfo {
	k := headerKey(h)
	for _, it := range s.order {
		if it.Column != "" {
			if it.Column == h || headerKey(it.Column) == k {
				return it
			}
			continue
		}
		if headerKey(it.ID) == k || it.TextJA != "" && headerKey(it.TextJA) == k || it.TextEN != "" && headerKey(it.TextEN) == k {
			return it
		}
	}
	return nil
}

// wideItem is an item column of a wide export.
type wideItem struct {
	col  int
	item *itemInfo
}

// responses parses survey answers, in long form (one row per answer, with
// an item column) or wide form (one row per respondent, one column per item).
type responses struct {
	batch   uuid.UUID
	surveys map[string]*surveyInfo
	// fixed is the survey every row answers (a mapping's survey, or
	// --survey), or nil when rows name their survey.
	fixed      *surveyInfo
	employment map[string]employment
	wide       map[*plan][]wideItem
	seen       map[string]string // survey, respondent and item → where
}

// preparePlan decides the form of a file and finds a wide export's item
// columns; it reports what makes the file unreadable.
func (a *responses) preparePlan(p *plan, rep *Report) bool {
	long := p.has(respItemID)
	if long {
		if !p.has(respValue) {
			rep.fileError(p.file, "a file with an item_id column (long form) needs a value column too")
			return false
		}
		if !p.has(respSurveyID) && a.fixed == nil {
			rep.fileError(p.file, "no survey_id column: give the survey with --survey or in a mapping file")
			return false
		}
	} else {
		if a.fixed == nil {
			rep.fileError(p.file, "the file has no item_id column, so it is a wide export (one column per item), and for that careerkpi needs to know the survey: give --survey or a mapping file with the survey and its items")
			return false
		}
		var items []wideItem
		for i, h := range p.f.Header() {
			if it := a.fixed.itemForHeader(h); it != nil {
				items = append(items, wideItem{col: i, item: it})
			}
		}
		if len(items) == 0 {
			names := make([]string, 0, len(a.fixed.order))
			for _, it := range a.fixed.order {
				names = append(names, it.ID)
			}
			rep.fileError(p.file, "no column is an item of survey %s (its items: %s); name each item's column in a mapping file", a.fixed.ID, strings.Join(names, ", "))
			return false
		}
		a.wide[p] = items
	}
	survey := a.fixed
	if survey != nil && survey.Identified && !p.has(respEmployeeID) {
		rep.fileError(p.file, "survey %s is identified, so every answer needs the respondent's employee_id, and the file has no such column", survey.ID)
		return false
	}
	if survey != nil && !survey.Identified && long && !p.has(respRespondentID) && !p.has(respEmployeeID) {
		rep.fileError(p.file, "answers in long form need a respondent_id column to tell respondents apart")
		return false
	}
	return true
}

func (a *responses) parse(r *row, emit func(responseRow)) {
	survey := a.fixed
	if survey == nil {
		sid := r.required(respSurveyID)
		if sid == "" {
			return
		}
		if survey = a.surveys[sid]; survey == nil {
			r.errorf(respSurveyID, "survey %s is not loaded; load its definition with `careerkpi load surveys` first", sid)
			return
		}
	}
	base := responseRow{
		BatchID:           a.batch,
		SurveyID:          survey.ID,
		SegmentDepartment: r.text(respDepartment),
		SegmentGrade:      r.text(respGrade),
		SegmentTenureBand: r.text(respTenureBand),
		RespondedAt:       r.optDate(respRespondedAt),
		SourceLine:        uint32(r.rec.Line),
	}
	if survey.Identified {
		base.EmployeeID = r.required(respEmployeeID)
		base.RespondentID = base.EmployeeID
		if _, ok := a.employment[base.EmployeeID]; base.EmployeeID != "" && !ok {
			r.errorf(respEmployeeID, "employee %s is not in the HR master; the respondents of an identified survey are employees (load the employees first)", base.EmployeeID)
		}
	} else {
		base.EmployeeID = r.text(respEmployeeID)
		base.RespondentID = r.text(respRespondentID)
		if base.RespondentID == "" {
			base.RespondentID = base.EmployeeID
		}
		if base.RespondentID == "" {
			base.RespondentID = r.p.file + "#" + strconv.Itoa(r.rec.Line)
		}
	}
	if at := base.RespondedAt; at != nil && (at.Before(survey.OpensOn) || at.After(survey.ClosesOn)) {
		r.warnf(respRespondedAt, "answered on %s, outside survey %s (%s to %s)", at.Format(time.DateOnly), survey.ID, dateOrOpen(survey.OpensOn), survey.ClosesOn.Format(time.DateOnly))
	}
	answer := func(it *itemInfo, text, column string) {
		if text == "" {
			return // a blank answer
		}
		out := base
		out.ItemID = it.ID
		if it.Scale == "text" {
			out.Text = strings.Clone(text)
		} else {
			v, err := cell.Answer(text, cell.Scale(it.Scale))
			if err != nil {
				r.issues = append(r.issues, Issue{Severity: SeverityError, File: r.p.file, Line: r.rec.Line, Column: column, Reason: fmt.Sprintf("item %s: %v", it.ID, err)})
				r.bad = true
				return
			}
			out.Value = &v
		}
		key := survey.ID + "\x1f" + out.RespondentID + "\x1f" + it.ID
		if first, dup := a.seen[key]; dup {
			r.issues = append(r.issues, Issue{Severity: SeverityError, File: r.p.file, Line: r.rec.Line, Column: column, Reason: fmt.Sprintf("%s answered item %s twice (first at %s)", out.RespondentID, it.ID, first)})
			r.bad = true
			return
		}
		a.seen[key] = r.p.file + ":" + strconv.Itoa(r.rec.Line)
		emit(out)
	}
	if items, wide := a.wide[r.p]; wide {
		for _, w := range items {
			text := ""
			if w.col < len(r.rec.Fields) {
				text = cell.Normalize(r.rec.Fields[w.col])
			}
			answer(w.item, text, r.p.f.ColumnName(w.col))
		}
		return
	}
	iid := r.required(respItemID)
	if iid == "" {
		return
	}
	it := survey.items[iid]
	if it == nil {
		r.errorf(respItemID, "survey %s has no item %s", survey.ID, iid)
		return
	}
	answer(it, r.raw(respValue), r.column(respValue))
}

func dateOrOpen(t time.Time) string {
	if t.Equal(undated) {
		return "open"
	}
	return t.Format(time.DateOnly)
}

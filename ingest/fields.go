package ingest

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/careerkpi/careerkpi/ingest/cell"
)

// FieldKind says how the cells of a field are read.
type FieldKind int

// The kinds of field.
const (
	Text   FieldKind = iota // NFKC-normalised text
	Date                    // a calendar date in any of the forms package cell reads
	Bool                    // yes or no
	Int                     // a whole number
	Float                   // a number
	Enum                    // one of the field's values, given by value or label
	Answer                  // a survey answer, on its item's scale
)

// Field is a field of a dataset and the header names it goes by.
type Field struct {
	Name     string
	Kind     FieldKind
	Required bool
	// Headers are the names files give the column, in Japanese and English,
	// besides Name itself.
	Headers []string
	// Values are the values of an Enum field.
	Values []EnumValue

	index int // the field's position in its dataset
}

// EnumValue is a value of an Enum field and the labels files write for it.
type EnumValue struct {
	Value  string
	Labels []string
}

// Dataset is one kind of data careerkpi loads.
type Dataset struct {
	// Name is the dataset's name on the command line and in the API.
	Name string
	// Aliases are other names accepted for it.
	Aliases []string
	// Fields are the fields a file of the dataset can have.
	Fields []Field
}

// Datasets lists the datasets in the order they are usually loaded.
var Datasets = []*Dataset{employeesDataset, programsDataset, eventsDataset, surveysDataset, responsesDataset}

// DatasetByName returns the dataset called name or one of its aliases.
func DatasetByName(name string) (*Dataset, error) {
	for _, d := range Datasets {
		if d.Name == name || slices.Contains(d.Aliases, name) {
			return d, nil
		}
	}
	names := make([]string, len(Datasets))
	for i, d := range Datasets {
		names[i] = d.Name
	}
	return nil, fmt.Errorf("ingest: no dataset %q; the datasets are %s", name, strings.Join(names, ", "))
}

// Field returns the field called name.
func init() {
	for _, d := range Datasets {
		for i := range d.Fields {
			d.Fields[i].index = i
		}
	}
}

// mustField returns the field called name, for the parsers' references.
func (d *Dataset) mustField(name string) *Field {
	f, ok := d.Field(name)
	if !ok {
		panic("ingest: dataset " + d.Name + " has no field " + name)
	}
	return f
}

func (d *Dataset) Field(name string) (*Field, bool) {
	for i := range d.Fields {
		if d.Fields[i].Name == name {
			return &d.Fields[i], true
		}
	}
	return nil, false
}

// headerKey reduces a header to what matters for matching: NFKC, lower case,
// no spaces, underscores, hyphens, dots or middle dots, no bracketed notes
// such as （必須） or (YYYY/MM/DD), no asterisks marking required columns.
func headerKey(s string) string {
	s = strings.ToLower(cell.Normalize(s))
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '【' || r == '〔' || r == '<':
			depth++
		case r == ')' || r == ']' || r == '】' || r == '〕' || r == '>':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case unicode.IsSpace(r) || r == '_' || r == '-' || r == '.' || r == '・' || r == '*' || r == '＊' || r == ':' || r == '/':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// matchField returns the field of d a header names, if any.
func (d *Dataset) matchField(header string) (*Field, bool) {
	k := headerKey(header)
	if k == "" {
		return nil, false
	}
	for i := range d.Fields {
		f := &d.Fields[i]
		if headerKey(f.Name) == k {
			return f, true
		}
		for _, h := range f.Headers {
			if headerKey(h) == k {
				return f, true
			}
		}
	}
	return nil, false
}

// closestField suggests the field an unmatched header may mean: one whose
// name or header is within a small edit distance.
func (d *Dataset) closestField(header string) (*Field, string, bool) {
	k := headerKey(header)
	best, bestName, bestDist := (*Field)(nil), "", 1<<30
	for i := range d.Fields {
		f := &d.Fields[i]
		for _, h := range append([]string{f.Name}, f.Headers...) {
			if dist := editDistance(k, headerKey(h)); dist < bestDist {
				best, bestName, bestDist = f, h, dist
			}
		}
	}
	limit := 2
	if n := len([]rune(k)); n <= 3 {
		limit = 1
	}
	if best == nil || bestDist > limit {
		return nil, "", false
	}
	return best, bestName, true
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// enumValue returns the value of an Enum field that text names (by value or
// by label, compared as headers are), or false.
func (f *Field) enumValue(text string) (string, bool) {
	k := headerKey(text)
	for _, v := range f.Values {
		if headerKey(v.Value) == k {
			return v.Value, true
		}
		for _, l := range v.Labels {
			if headerKey(l) == k {
				return v.Value, true
			}
		}
	}
	return "", false
}

// valueNames lists an Enum field's values for a message.
func (f *Field) valueNames() string {
	var names []string
	for _, v := range f.Values {
		if v.Value == "" {
			continue
		}
		n := v.Value
		if len(v.Labels) > 0 {
			n += " (" + v.Labels[0] + ")"
		}
		names = append(names, n)
	}
	return strings.Join(names, ", ")
}

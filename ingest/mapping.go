package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/careerkpi/careerkpi/ingest/cell"
)

// Mapping says how the columns of a file map to a dataset's fields, for
// files whose headers careerkpi does not recognise or whose values need
// telling apart (US date order, a status column that holds the termination
// type). It is a YAML file; see testdata/mappings/ for examples.
type Mapping struct {
	// Dataset, when set, must be the dataset the file is loaded as.
	Dataset string `yaml:"dataset"`
	// Sheet is the XLSX sheet to read.
	Sheet string `yaml:"sheet"`
	// DateOrder is the order of numeric dates in every date column: YMD
	// (the default), MDY or DMY.
	DateOrder string `yaml:"date_order"`
	// AsOf is the snapshot date of an employees file.
	AsOf string `yaml:"as_of"`
	// Columns maps fields to where their values come from.
	Columns map[string]Column `yaml:"columns"`
	// Survey defines the survey a responses file answers, with the columns
	// of its items when the file is in wide form.
	Survey *SurveyDefinition `yaml:"survey"`

	path string
}

// Column says where a field's values come from: a column of the file,
// optionally with its own date order or a map of its values; a constant; or
// a date that many whole years before the snapshot date.
type Column struct {
	Column          string            `yaml:"column"`
	DateOrder       string            `yaml:"date_order"`
	Values          map[string]string `yaml:"values"`
	Constant        *string           `yaml:"constant"`
	YearsBeforeAsOf string            `yaml:"years_before_as_of"`
}

// UnmarshalYAML accepts a column written as just its header, `employee_id: EmpID`.
func (c *Column) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		c.Column = n.Value
		return nil
	}
	type plain Column
	var p plain
	dec := n.Decode
	if err := dec(&p); err != nil {
		return err
	}
	*c = Column(p)
	return nil
}

// SurveyDefinition is a survey and its items, as a mapping file gives them.
type SurveyDefinition struct {
	ID         string        `yaml:"survey_id"`
	TitleJA    string        `yaml:"title_ja"`
	TitleEN    string        `yaml:"title_en"`
	OpensOn    string        `yaml:"opens_on"`
	ClosesOn   string        `yaml:"closes_on"`
	Invited    *int          `yaml:"invited"`
	Identified bool          `yaml:"identified"`
	Items      []ItemMapping `yaml:"items"`
}

// ItemMapping is an item of a survey and, for a wide export, its column.
type ItemMapping struct {
	ID              string `yaml:"item_id"`
	Column          string `yaml:"column"`
	TextJA          string `yaml:"text_ja"`
	TextEN          string `yaml:"text_en"`
	Scale           string `yaml:"scale"`
	Theme           string `yaml:"theme"`
	ReverseCoded    bool   `yaml:"reverse_coded"`
	EngagementIndex bool   `yaml:"engagement_index"`
}

// ReadMapping reads and checks a mapping file for dataset ds.
func ReadMapping(path string, ds *Dataset) (*Mapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: mapping: %w", err)
	}
	m, err := parseMapping(bytes.NewReader(b), ds)
	if err != nil {
		return nil, fmt.Errorf("ingest: mapping %s: %w", path, err)
	}
	m.path = path
	return m, nil
}

func parseMapping(r io.Reader, ds *Dataset) (*Mapping, error) {
	var m Mapping
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if m.Dataset != "" {
		d, err := DatasetByName(m.Dataset)
		if err != nil {
			return nil, err
		}
		if d != ds {
			return nil, fmt.Errorf("it is for dataset %s, not %s", d.Name, ds.Name)
		}
	}
	if _, err := dateOrder(m.DateOrder); err != nil {
		return nil, err
	}
	if m.AsOf != "" {
		if ds != employeesDataset {
			return nil, fmt.Errorf("as_of is for employees files only")
		}
		if _, err := cell.Date(m.AsOf, cell.YMD); err != nil {
			return nil, fmt.Errorf("as_of: %w", err)
		}
	}
	fields := make([]string, 0, len(m.Columns))
	for name := range m.Columns {
		fields = append(fields, name)
	}
	sort.Strings(fields)
	for _, name := range fields {
		c := m.Columns[name]
		f, ok := ds.Field(name)
		if !ok {
			msg := fmt.Sprintf("columns: %s is not a field of %s", name, ds.Name)
			if g, _, ok := ds.closestField(name); ok {
				msg += "; did you mean " + g.Name + "?"
			}
			return nil, errors.New(msg + " (fields: " + fieldNames(ds) + ")")
		}
		sources := 0
		for _, set := range []bool{c.Column != "", c.Constant != nil, c.YearsBeforeAsOf != ""} {
			if set {
				sources++
			}
		}
		if sources != 1 {
			return nil, fmt.Errorf("columns: %s needs exactly one of column, constant or years_before_as_of", name)
		}
		if c.YearsBeforeAsOf != "" && f.Kind != Date {
			return nil, fmt.Errorf("columns: %s is not a date, so it cannot be years_before_as_of", name)
		}
		if c.DateOrder != "" {
			if f.Kind != Date {
				return nil, fmt.Errorf("columns: %s is not a date, so it has no date_order", name)
			}
			if _, err := dateOrder(c.DateOrder); err != nil {
				return nil, fmt.Errorf("columns: %s: %w", name, err)
			}
		}
		if f.Kind == Enum {
			for from, to := range c.Values {
				if to == "" {
					continue // a value that means "not set"
				}
				if _, ok := f.enumValue(to); !ok {
					return nil, fmt.Errorf("columns: %s: values: %q maps to %q, which is not one of %s", name, from, to, f.valueNames())
				}
			}
		}
	}
	if m.Survey != nil {
		if ds != responsesDataset {
			return nil, fmt.Errorf("survey is for responses files only")
		}
		if err := m.Survey.check(); err != nil {
			return nil, fmt.Errorf("survey: %w", err)
		}
	}
	return &m, nil
}

func (s *SurveyDefinition) check() error {
	if s.ID == "" {
		return errors.New("survey_id is missing")
	}
	if _, err := cell.Date(s.ClosesOn, cell.YMD); err != nil {
		return fmt.Errorf("closes_on: %w", err)
	}
	if s.OpensOn != "" {
		if _, err := cell.Date(s.OpensOn, cell.YMD); err != nil {
			return fmt.Errorf("opens_on: %w", err)
		}
	}
	if len(s.Items) == 0 {
		return errors.New("items: a survey needs at least one item")
	}
	seen := map[string]bool{}
	scale, _ := surveysDataset.Field("scale")
	for i, it := range s.Items {
		if it.ID == "" {
			return fmt.Errorf("items[%d]: item_id is missing", i)
		}
		if seen[it.ID] {
			return fmt.Errorf("items: %s appears twice", it.ID)
		}
		seen[it.ID] = true
		if _, ok := scale.enumValue(it.Scale); !ok {
			return fmt.Errorf("items: %s: scale %q is not one of %s", it.ID, it.Scale, scale.valueNames())
		}
	}
	return nil
}

func fieldNames(ds *Dataset) string {
	names := make([]string, len(ds.Fields))
	for i, f := range ds.Fields {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

func dateOrder(s string) (cell.DateOrder, error) {
	switch strings.ToUpper(s) {
	case "", "YMD":
		return cell.YMD, nil
	case "MDY":
		return cell.MDY, nil
	case "DMY":
		return cell.DMY, nil
	}
	return cell.YMD, fmt.Errorf("date_order %q is not YMD, MDY or DMY", s)
}

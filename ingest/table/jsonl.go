package table

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// jsonReader reads JSON Lines: one flat object per non-blank line. The
// header is the keys in the order they first appear; a record's fields
// follow the header, empty for a key the object lacks.
type jsonReader struct {
	f       *File
	src     *source
	line    int // the line of the next unread byte
	index   map[string]int
	fields  []string
	pending *Record // the first record, read by Open for the header
}

func (f *File) openJSONLines(src opener) error {
	s, err := f.openSource(src)
	if err != nil {
		return err
	}
	r := &jsonReader{f: f, src: s, line: 1, index: map[string]int{}}
	f.rd = r
	f.header = []string{}
	rec, err := r.next()
	if err == io.EOF {
		return f.errorf(0, "", "empty file: no header")
	}
	if err != nil {
		return err
	}
	r.pending = &rec
	return nil
}

func (r *jsonReader) next() (Record, error) {
	if p := r.pending; p != nil {
		r.pending = nil
		return *p, nil
	}
	for {
		data := r.src.data()
		k := bytes.IndexByte(data, '\n')
		n := k + 1
		if k < 0 {
			if !r.src.eof {
				if err := r.src.fill(); err != nil {
					return Record{}, err
				}
				continue
			}
			if len(data) == 0 {
				return Record{}, io.EOF
			}
			k, n = len(data), len(data)
		}
		text, line := data[:k], r.line
		r.src.consume(n)
		r.line++
		if len(bytes.Trim(text, " \t\r")) == 0 {
			continue
		}
		return r.parse(text, line)
	}
}

// parse reads the object on one line into the record's fields.
func (r *jsonReader) parse(text []byte, line int) (Record, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	invalid := func(err error) (Record, error) {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return Record{}, r.f.errorf(line, "", "invalid JSON: %v", err)
	}
	tok, err := dec.Token()
	if err != nil {
		return invalid(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return Record{}, r.f.errorf(line, "", "not a JSON object but %s; each line must hold one object", kindOf(tok))
	}
	clear(r.fields)
	r.fields = r.fields[:0]
	for range r.f.header {
		r.fields = append(r.fields, "")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return invalid(err)
		}
		key, ok := tok.(string)
		if !ok {
			return invalid(errors.New("expected a key"))
		}
		if tok, err = dec.Token(); err != nil {
			return invalid(err)
		}
		var v string
		switch t := tok.(type) {
		case json.Delim:
			return Record{}, r.f.errorf(line, key, "the value is %s; values must be strings, numbers, true, false or null", kindOf(t))
		case string:
			v = t
		case json.Number:
			v = t.String()
		case bool:
			v = "false"
			if t {
				v = "true"
			}
		}
		i, ok := r.index[key]
		if !ok {
			i = len(r.f.header)
			r.index[key] = i
			r.f.header = append(r.f.header, key)
			r.fields = append(r.fields, "")
		}
		r.fields[i] = v
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return invalid(err)
	}
	switch tok, err := dec.Token(); {
	case err == nil:
		return Record{}, r.f.errorf(line, "", "%s after the object; each line must hold one object", kindOf(tok))
	case !errors.Is(err, io.EOF):
		return invalid(err)
	}
	return Record{Line: line, Fields: r.fields}, nil
}

// kindOf names the kind of JSON value a token starts.
func kindOf(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

func (r *jsonReader) offset() int64 { return r.src.offset() }
func (r *jsonReader) close() error  { return r.src.close() }

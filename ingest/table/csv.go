package table

import (
	"bytes"
	"io"
)

// csvReader cuts CSV records out of a source: RFC 4180 quoting with ""
// escapes, lenient about a quote inside an unquoted field (it is literal)
// and about text after a closing quote (it is appended), with LF, CRLF or
// a lone CR as the line end.
type csvReader struct {
	f      *File
	src    *source
	delim  byte
	line   int // the physical line of the next unread byte
	fields []string
	fixes  []fix // quoted fields to unescape once the record is whole

	errLines, errField int // where a quoted field cut short by the end starts
}

// fix is a quoted field, from its opening quote to its end, whose value is
// not a plain slice of it: it has "" escapes or text after the closing
// quote.
type fix struct {
	field, start, end int
}

// scanStatus is what scan found at the start of the unread text.
type scanStatus int

const (
	scanRecord       scanStatus = iota // a record, in fields
	scanBlank                          // an empty line or a line of only delimiters
	scanMore                           // a record that may go on past the text read so far
	scanEnd                            // the end of the file
	scanUnterminated                   // a quoted field that the end of the file cuts short
)

func (f *File) openCSV(src opener, delim byte) error {
	s, err := f.openSource(src)
	if err != nil {
		return err
	}
	c := &csvReader{f: f, src: s, line: 1}
	f.rd = c
	if delim == 0 {
		for {
			d, ok := sniffDelimiter(s.data(), s.eof)
			if ok {
				delim = d
				break
			}
			if err := s.fill(); err != nil {
				return err
			}
		}
	}
	c.delim, f.delimiter = delim, rune(delim)
	rec, err := c.next()
	if err == io.EOF {
		return f.errorf(0, "", "empty file: no header")
	}
	if err != nil {
		return err
	}
	f.header = cloneStrings(rec.Fields)
	return nil
}

func (c *csvReader) next() (Record, error) {
	for {
		st, n, lines := c.scan(c.src.data(), c.src.eof)
		switch st {
		case scanMore:
			if err := c.src.fill(); err != nil {
				return Record{}, err
			}
		case scanEnd:
			return Record{}, io.EOF
		case scanUnterminated:
			return Record{}, c.f.errorf(c.line+c.errLines, c.f.ColumnName(c.errField), "unterminated quoted field that starts on this line")
		case scanBlank:
			c.src.consume(n)
			c.line += lines
		case scanRecord:
			data := c.src.data()
			for _, x := range c.fixes {
				m := unquote(data[x.start:x.end])
				c.fields[x.field] = unsafeString(data[x.start : x.start+m])
			}
			rec := Record{Line: c.line, Fields: c.fields}
			c.src.consume(n)
			c.line += lines
			return rec, nil
		}
	}
}

// scan cuts the next record off data, which is the whole rest of the file
// if atEOF. It returns the bytes the record takes with its line end, and
// the number of line ends in them. The fields of a record point into data.
func (c *csvReader) scan(data []byte, atEOF bool) (st scanStatus, n, lines int) {
	c.fields, c.fixes = c.fields[:0], c.fixes[:0]
	if len(data) == 0 {
		if atEOF {
			return scanEnd, 0, 0
		}
		return scanMore, 0, 0
	}
	delim := c.delim
	blank := true
	i := 0
	for {
		start := i
		if i < len(data) && data[i] == '"' {
			blank = false
			startLines := lines
			escaped := false
			j := i + 1
			for {
				k := bytes.IndexByte(data[j:], '"')
				if k < 0 {
					if !atEOF {
						return scanMore, 0, 0
					}
					c.errLines, c.errField = startLines, len(c.fields)
					return scanUnterminated, 0, 0
				}
				lines += lineEnds(data[j : j+k])
				j += k + 1 // past the quote
				if j == len(data) && !atEOF {
					return scanMore, 0, 0 // a closing quote, or the first of ""
				}
				if j < len(data) && data[j] == '"' {
					escaped = true
					j++
					continue
				}
				break
			}
			if j < len(data) && data[j] != delim && data[j] != '\n' && data[j] != '\r' {
				escaped = true // text after the closing quote
				for j < len(data) && data[j] != delim && data[j] != '\n' && data[j] != '\r' {
					j++
				}
				if j == len(data) && !atEOF {
					return scanMore, 0, 0
				}
			}
			if escaped {
				c.fixes = append(c.fixes, fix{len(c.fields), start, j})
				c.fields = append(c.fields, "")
			} else {
				c.fields = append(c.fields, unsafeString(data[start+1:j-1]))
			}
			i = j
		} else {
			for i < len(data) {
				if b := data[i]; b == delim || b == '\n' || b == '\r' {
					break
				}
				i++
			}
			if i == len(data) && !atEOF {
				return scanMore, 0, 0
			}
			if i > start {
				blank = false
			}
			c.fields = append(c.fields, unsafeString(data[start:i]))
		}

		// i is at a delimiter, a line end or the end of the file.
		st = scanRecord
		if blank {
			st = scanBlank
		}
		switch {
		case i == len(data):
			return st, i, lines
		case data[i] == delim:
			i++
		case data[i] == '\n':
			return st, i + 1, lines + 1
		case i+1 < len(data):
			if data[i+1] == '\n' {
				return st, i + 2, lines + 1
			}
			return st, i + 1, lines + 1
		case atEOF:
			return st, i + 1, lines + 1
		default:
			return scanMore, 0, 0 // a CR that may be the start of CRLF
		}
	}
}

// lineEnds counts the line ends in p: LF, CRLF and a lone CR.
func lineEnds(p []byte) int {
	n := bytes.Count(p, []byte{'\n'})
	if bytes.IndexByte(p, '\r') < 0 {
		return n
	}
	for i, b := range p {
		if b == '\r' && (i+1 == len(p) || p[i+1] != '\n') {
			n++
		}
	}
	return n
}

// unquote writes the value of the quoted field b (from its opening quote)
// to the front of b and returns its length: "" becomes ", and the text
// after the closing quote is kept as it is.
func unquote(b []byte) int {
	w := 0
	for r := 1; r < len(b); {
		if b[r] != '"' {
			b[w] = b[r]
			w, r = w+1, r+1
			continue
		}
		if r+1 < len(b) && b[r+1] == '"' {
			b[w] = '"'
			w, r = w+1, r+2
			continue
		}
		return w + copy(b[w:], b[r+1:])
	}
	return w
}

// sniffDelimiter picks the delimiter of the first non-blank line of data:
// the most frequent of , \t ; outside quotes, the comma on a tie. It needs
// the whole line, and reports false if data may end before it does.
func sniffDelimiter(data []byte, atEOF bool) (byte, bool) {
	var comma, tab, semicolon int
	inQuotes, fieldStart, seen := false, true, false
	for i := 0; i < len(data); i++ {
		b := data[i]
		if inQuotes {
			if b == '"' {
				if i+1 == len(data) && !atEOF {
					return 0, false
				}
				if i+1 < len(data) && data[i+1] == '"' {
					i++
				} else {
					inQuotes = false
				}
			}
			continue
		}
		switch b {
		case ',', '\t', ';':
			switch b {
			case ',':
				comma++
			case '\t':
				tab++
			default:
				semicolon++
			}
			fieldStart, seen = true, true
			continue
		case '\n', '\r':
			if seen {
				return pickDelimiter(comma, tab, semicolon), true
			}
			fieldStart = true
			continue
		case '"':
			inQuotes = fieldStart
		}
		fieldStart, seen = false, true
	}
	if !atEOF {
		return 0, false
	}
	return pickDelimiter(comma, tab, semicolon), true
}

func pickDelimiter(comma, tab, semicolon int) byte {
	switch {
	case tab > comma && tab >= semicolon:
		return '\t'
	case semicolon > comma && semicolon > tab:
		return ';'
	}
	return ','
}

func (c *csvReader) offset() int64 { return c.src.offset() }
func (c *csvReader) close() error  { return c.src.close() }

package table

import (
	"errors"
	"fmt"
	"io"
	"unsafe"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// bufferSize is the initial size of a source's buffer; it grows to hold a
// record that does not fit.
const bufferSize = 256 << 10

// source is the decoded text of a CSV or JSON Lines file, buffered so that
// records can be cut from it without copying.
type source struct {
	name string
	file io.ReadCloser
	raw  *countingReader // the file's bytes, counted
	r    io.Reader       // the text, decoded to UTF-8
	utf8 bool            // the text is the file's bytes after the BOM
	skip int64           // bytes of BOM skipped
	size int64           // the file's size when examined
	buf  []byte
	pos  int   // the start of the unread text, buf[pos:end]
	end  int   // the end of the text read
	base int64 // bytes of text consumed before buf[0]
	eof  bool  // r has no more
}

// openSource opens the file again and decodes it from encoding to UTF-8.
func (f *File) openSource(src opener) (*source, error) {
	rc, err := src()
	if err != nil {
		return nil, fmt.Errorf("table: %w", err)
	}
	s := &source{name: f.name, file: rc, raw: &countingReader{r: rc}, size: f.size, buf: make([]byte, bufferSize)}
	s.r = s.raw
	switch f.encoding {
	case encUTF8BOM:
		var bom [3]byte
		if _, err := io.ReadFull(s.raw, bom[:]); err != nil {
			rc.Close()
			return nil, fmt.Errorf("table: read %s: %w", f.name, err)
		}
		s.utf8, s.skip = true, int64(len(bom))
	case encShiftJIS:
		s.r = transform.NewReader(s.raw, japanese.ShiftJIS.NewDecoder())
	default:
		s.utf8 = true
	}
	return s, nil
}

// data returns the unread text in the buffer.
func (s *source) data() []byte { return s.buf[s.pos:s.end] }

// consume marks n bytes of data as read.
func (s *source) consume(n int) { s.pos += n }

// fill reads more text into the buffer, making room by moving the unread
// text to the front or, if the buffer holds nothing else, by growing it.
// Slices of data from before are no longer valid. At the end of the text it
// sets eof.
func (s *source) fill() error {
	if s.eof {
		return nil
	}
	if s.end == len(s.buf) {
		if s.pos > 0 {
			s.end = copy(s.buf, s.buf[s.pos:s.end])
			s.base += int64(s.pos)
			s.pos = 0
		} else {
			b := make([]byte, 2*len(s.buf))
			copy(b, s.buf)
			s.buf = b
		}
	}
	// Read until a good part of the free space is filled: a decoder hands
	// out small pieces, and each fill costs a rescan of a partial record.
	want := s.end + (len(s.buf)-s.end+1)/2
	for empty := 0; s.end < want; {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		switch {
		case errors.Is(err, io.EOF):
			s.eof = true
			if s.raw.n != s.size {
				return fmt.Errorf("table: read %s: the file changed while it was read (%d bytes, then %d)", s.name, s.size, s.raw.n)
			}
			return nil
		case err != nil:
			return fmt.Errorf("table: read %s: %w", s.name, err)
		case n == 0:
			if empty++; empty > 100 {
				return fmt.Errorf("table: read %s: %w", s.name, io.ErrNoProgress)
			}
		}
	}
	return nil
}

// offset is how many bytes of the file have been consumed.
func (s *source) offset() int64 {
	if s.utf8 {
		return s.skip + s.base + int64(s.pos)
	}
	return s.raw.n
}

func (s *source) close() error { return s.file.Close() }

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// unsafeString returns b as a string without copying; the string is valid
// only while b's bytes are unchanged.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

package table

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"sync"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
	"golang.org/x/text/encoding/japanese"
)

// chunkSize is how much of a file examine reads at a time.
const chunkSize = 256 << 10

var (
	utf8BOM  = []byte{0xEF, 0xBB, 0xBF}
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts an OLE2 compound file: an Excel 97–2003 .xls
	// workbook, or an .xlsx encrypted with a password.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// examined is what one read of a file before parsing learns about it.
type examined struct {
	size     int64
	sum      [16]byte
	format   Format
	encoding string
	data     []byte // XLSX: the whole file
}

// examine reads the file once: it hashes its bytes, settles the format if
// format is empty and, for text, finds the encoding. A text file must be
// UTF-8 (with or without a byte-order mark) or Shift_JIS throughout.
func examine(name string, src opener, format Format) (examined, error) {
	rc, err := src()
	if err != nil {
		return examined{}, fmt.Errorf("table: %w", err)
	}
	defer rc.Close()

	buf := make([]byte, chunkSize)
	n, eof, err := readChunk(rc, buf)
	if err != nil {
		return examined{}, fmt.Errorf("table: read %s: %w", name, err)
	}
	first := buf[:n]
	if bytes.HasPrefix(first, oleMagic) {
		return examined{}, &Error{File: name, Reason: "an Excel 97-2003 workbook (.xls) or a workbook protected by a password; save it as .xlsx or CSV (UTF-8) without a password"}
	}
	if format == "" {
		format = sniffFormat(first)
	}
	if format != XLSX && bytes.HasPrefix(first, zipMagic) {
		return examined{}, &Error{File: name, Reason: fmt.Sprintf("a zip archive (an .xlsx workbook?), not %s text; name it .xlsx", format)}
	}
	if format == XLSX {
		data := bytes.Clone(first)
		if !eof {
			rest, err := io.ReadAll(rc)
			if err != nil {
				return examined{}, fmt.Errorf("table: read %s: %w", name, err)
			}
			data = append(data, rest...)
		}
		if len(data) == 0 {
			return examined{}, &Error{File: name, Reason: "empty file: no header"}
		}
		return examined{size: int64(len(data)), sum: xxh3.Hash128(data).Bytes(), format: XLSX, encoding: encUTF8, data: data}, nil
	}

	h := xxh3.New()
	hasBOM := bytes.HasPrefix(first, utf8BOM)
	u := utf8Check{bad: -1}
	s := sjisCheck{bad: -1}
	var size int64
	chunk := first
	for {
		h.Write(chunk)
		text := chunk
		if hasBOM && size == 0 {
			text = chunk[len(utf8BOM):]
			u.pos, s.bad = int64(len(utf8BOM)), 0 // with a BOM, only UTF-8 will do
		}
		u.feed(text)
		s.feed(text)
		size += int64(len(chunk))
		if u.bad >= 0 && s.bad >= 0 {
			break
		}
		if eof {
			u.end()
			s.end()
			break
		}
		if n, eof, err = readChunk(rc, buf); err != nil {
			return examined{}, fmt.Errorf("table: read %s: %w", name, err)
		}
		chunk = buf[:n]
	}

	ex := examined{size: size, format: format}
	switch {
	case hasBOM && u.bad < 0:
		ex.encoding = encUTF8BOM
	case u.bad < 0:
		ex.encoding = encUTF8
	case s.bad < 0:
		ex.encoding = encShiftJIS
	default:
		return examined{}, encodingError(name, src, hasBOM, u.bad, s.bad)
	}
	ex.sum = h.Sum128().Bytes()
	return ex, nil
}

// readChunk reads as much of buf as r has, and whether r ended.
func readChunk(r io.Reader, buf []byte) (n int, eof bool, err error) {
	n, err = io.ReadFull(r, buf)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return n, true, nil
	}
	return n, false, err
}

// sniffFormat tells the format from the first bytes of a file.
func sniffFormat(p []byte) Format {
	if bytes.HasPrefix(p, zipMagic) {
		return XLSX
	}
	p = bytes.TrimLeft(bytes.TrimPrefix(p, utf8BOM), " \t\r\n")
	if len(p) > 0 && p[0] == '{' {
		return JSONLines
	}
	return CSV
}

// encodingError describes a file that is neither UTF-8 nor Shift_JIS by its
// first bad byte, read in the encoding that got further.
func encodingError(name string, src opener, hasBOM bool, badUTF8, badSJIS int64) error {
	at, as := badUTF8, "UTF-8"
	if !hasBOM && badSJIS > badUTF8 {
		at, as = badSJIS, "Shift_JIS"
	}
	b, line, err := byteAt(src, at)
	if err != nil {
		return fmt.Errorf("table: read %s: %w", name, err)
	}
	reason := fmt.Sprintf("neither UTF-8 nor Shift_JIS: byte 0x%02X at offset %d is not valid %s", b, at, as)
	switch {
	case hasBOM:
		reason = fmt.Sprintf("invalid UTF-8 after the UTF-8 byte-order mark: byte 0x%02X at offset %d", b, at)
	case at == 0 && badUTF8 == 0 && badSJIS == 0:
		if b == 0xFF || b == 0xFE {
			reason += " (a UTF-16 file, as Excel's \"Unicode text\" writes; save it as CSV UTF-8)"
		}
	}
	return &Error{File: name, Line: line, Reason: reason}
}

// byteAt reads the byte at offset off and the physical line it is on,
// counting LF, CRLF and lone CR as line ends.
func byteAt(src opener, off int64) (b byte, line int, err error) {
	rc, err := src()
	if err != nil {
		return 0, 0, err
	}
	defer rc.Close()
	buf := make([]byte, chunkSize)
	line = 1
	var pos int64
	prevCR := false
	for {
		n, eof, err := readChunk(rc, buf)
		if err != nil {
			return 0, 0, err
		}
		for _, c := range buf[:n] {
			if pos == off {
				if prevCR && c != '\n' {
					line++
				}
				return c, line, nil
			}
			if prevCR && c != '\n' {
				line++
			}
			prevCR = c == '\r'
			if c == '\n' {
				line++
			}
			pos++
		}
		if eof {
			return 0, 0, io.ErrUnexpectedEOF
		}
	}
}

// utf8Check validates UTF-8 fed in chunks of any size.
type utf8Check struct {
	pos   int64 // offset of the next byte fed
	bad   int64 // offset of the first bad byte, or -1
	pend  [utf8.UTFMax]byte
	npend int // bytes of an incomplete rune at the end of the last chunk
}

func (c *utf8Check) feed(p []byte) {
	if c.bad >= 0 {
		return
	}
	start := c.pos
	c.pos += int64(len(p))
	if c.npend > 0 {
		var tmp [2 * utf8.UTFMax]byte
		k := copy(tmp[:], c.pend[:c.npend])
		k += copy(tmp[k:], p[:min(len(p), utf8.UTFMax-1)])
		if !utf8.FullRune(tmp[:k]) {
			c.npend = copy(c.pend[:], tmp[:k])
			return
		}
		r, size := utf8.DecodeRune(tmp[:k])
		if r == utf8.RuneError && size == 1 {
			c.bad = start - int64(c.npend)
			return
		}
		used := size - c.npend
		p, start, c.npend = p[used:], start+int64(used), 0
	}
	cut := incompleteTail(p)
	if !utf8.Valid(p[:cut]) {
		c.bad = start + int64(firstInvalidUTF8(p[:cut]))
		return
	}
	c.npend = copy(c.pend[:], p[cut:])
}

// end reports a rune cut short by the end of the file.
func (c *utf8Check) end() {
	if c.bad < 0 && c.npend > 0 {
		c.bad = c.pos - int64(c.npend)
	}
}

// incompleteTail is where a rune that p cuts short starts, or len(p).
func incompleteTail(p []byte) int {
	for i := len(p) - 1; i >= 0 && i >= len(p)-(utf8.UTFMax-1); i-- {
		if p[i]&0xC0 != 0x80 { // not a continuation byte
			if p[i] >= 0xC0 && !utf8.FullRune(p[i:]) {
				return i
			}
			break
		}
	}
	return len(p)
}

func firstInvalidUTF8(p []byte) int {
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(p)
}

// sjisCheck validates Shift_JIS fed in chunks of any size: a byte is bad
// where japanese.ShiftJIS's decoder would write U+FFFD.
type sjisCheck struct {
	pos     int64 // offset of the next byte fed
	bad     int64 // offset of the first bad byte, or -1
	hasLead bool  // the last chunk ended with a lead byte
	lead    byte
}

func (c *sjisCheck) feed(p []byte) {
	if c.bad >= 0 {
		return
	}
	base := c.pos
	c.pos += int64(len(p))
	pairs := sjisPairs()
	i := 0
	if c.hasLead && len(p) > 0 {
		if !pairs.has(c.lead, p[0]) {
			c.bad = base - 1
			return
		}
		c.hasLead, i = false, 1
	}
	for i < len(p) {
		for i+8 <= len(p) && binary.LittleEndian.Uint64(p[i:])&0x8080808080808080 == 0 {
			i += 8
		}
		if i == len(p) {
			break
		}
		switch b := p[i]; {
		case b <= 0x80 || (0xA1 <= b && b <= 0xDF):
			i++
		case (0x81 <= b && b <= 0x9F) || (0xE0 <= b && b <= 0xFC):
			if i+1 == len(p) {
				c.hasLead, c.lead = true, b
				return
			}
			if !pairs.has(b, p[i+1]) {
				c.bad = base + int64(i)
				return
			}
			i += 2
		default:
			c.bad = base + int64(i)
			return
		}
	}
}

// end reports a lead byte cut short by the end of the file.
func (c *sjisCheck) end() {
	if c.bad < 0 && c.hasLead {
		c.bad = c.pos - 1
	}
}

// pairSet is a set of two-byte sequences, indexed by lead<<8|trail.
type pairSet [1 << 10]uint64

// has reports whether lead and trail are in the set.
func (s *pairSet) has(lead, trail byte) bool {
	i := int(lead)<<8 | int(trail)
	return s[i>>6]&(1<<(i&63)) != 0
}

// sjisPairs is the set of two-byte sequences that japanese.ShiftJIS
// decodes to a character; made once, by asking the decoder itself.
var sjisPairs = sync.OnceValue(func() *pairSet {
	var set pairSet
	dec := japanese.ShiftJIS.NewDecoder()
	src, dst := make([]byte, 2), make([]byte, 16)
	for lead := 0x81; lead <= 0xFC; lead++ {
		if 0xA0 <= lead && lead <= 0xDF {
			continue
		}
		for trail := 0x40; trail <= 0xFC; trail++ {
			dec.Reset()
			src[0], src[1] = byte(lead), byte(trail)
			n, _, err := dec.Transform(dst, src, true)
			if err != nil {
				continue
			}
			if r, size := utf8.DecodeRune(dst[:n]); size == n && r != utf8.RuneError {
				i := lead<<8 | trail
				set[i>>6] |= 1 << (i & 63)
			}
		}
	}
	return &set
})

package cell

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in NFKC form with leading and trailing white space
// removed (including U+3000 ideographic space, NBSP, tabs and newlines, and
// the byte order mark and zero-width space that spreadsheets leave behind).
// NFKC turns full-width digits, letters and signs into ASCII (２０２５ → 2025,
// Ｒ → R, ￥ → ¥), half-width katakana into full-width, and era symbols into
// their names (㋿ → 令和). An ASCII-only s is returned without allocating.
func Normalize(s string) string {
	if isASCII(s) {
		return strings.TrimSpace(s)
	}
	return strings.TrimFunc(norm.NFKC.String(s), isBlank)
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isBlank reports whether r is white space Normalize removes at the ends.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

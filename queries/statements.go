package queries

import (
	"errors"
	"strings"
)

// ErrMultipleStatements reports a text of more than one SQL statement. A
// ClickHouse server refuses such texts while chDB runs them all; the embedded
// backend refuses them too, so that both behave alike and a migration (one
// statement per file) applies whole or not at all.
var ErrMultipleStatements = errors.New("queries: the text holds more than one SQL statement")

// CheckSingleStatement returns ErrMultipleStatements if sql holds anything
// but comments and white space after a semicolon that ends a statement.
// Semicolons inside strings, quoted identifiers and comments do not count.
func CheckSingleStatement(sql string) error {
	code := MaskSQL(sql)
	if i := strings.IndexByte(code, ';'); i >= 0 && strings.TrimSpace(strings.ReplaceAll(code[i:], ";", " ")) != "" {
		return ErrMultipleStatements
	}
	return nil
}

// MaskSQL returns sql with every string literal, quoted identifier, heredoc
// and comment replaced by spaces of the same length, so that what remains is
// the statement's code at its original offsets.
func MaskSQL(sql string) string {
	b := []byte(sql)
	blank := func(from, to int) {
		for k := from; k < to && k < len(b); k++ {
			if b[k] != '\n' {
				b[k] = ' '
			}
		}
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '-' && i+1 < len(b) && b[i+1] == '-', c == '#':
			end := strings.IndexByte(sql[i:], '\n')
			if end < 0 {
				end = len(b) - i
			}
			blank(i, i+end)
			i += end
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			// ClickHouse block comments nest.
			depth, j := 1, i+2
			for j < len(b) && depth > 0 {
				switch {
				case b[j] == '/' && j+1 < len(b) && b[j+1] == '*':
					depth++
					j += 2
				case b[j] == '*' && j+1 < len(b) && b[j+1] == '/':
					depth--
					j += 2
				default:
					j++
				}
			}
			blank(i, j)
			i = j
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < len(b) {
				if b[j] == '\\' {
					j += 2
					continue
				}
				if b[j] == c {
					if j+1 < len(b) && b[j+1] == c { // a doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			blank(i, j+1)
			i = j + 1
		case c == '$':
			// A heredoc: $tag$ … $tag$, where the tag may be empty.
			j := i + 1
			for j < len(b) && (b[j] == '_' || b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z' || b[j] >= '0' && b[j] <= '9') {
				j++
			}
			if j < len(b) && b[j] == '$' {
				tag := sql[i : j+1]
				end := strings.Index(sql[j+1:], tag)
				if end < 0 {
					end = len(b) - (j + 1)
				} else {
					end += len(tag)
				}
				blank(i, j+1+end)
				i = j + 1 + end
				continue
			}
			i++
		default:
			i++
		}
	}
	return string(b)
}

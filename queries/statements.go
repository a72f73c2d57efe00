package queries

import "errors"

// ErrMultipleStatements reports a text of more than one SQL statement. A
// ClickHouse server refuses such texts while chDB runs them all; the embedded
// backend refuses them too, so that both behave alike and a migration (one
// statement per file) applies whole or not at all.
var ErrMultipleStatements = errors.New("queries: the text holds more than one SQL statement")

// CheckSingleStatement returns ErrMultipleStatements if sql holds anything
// but comments and white space after a semicolon that ends a statement.
// Semicolons inside strings, quoted identifiers and comments do not count.
func CheckSingleStatement(sql string) error {
	ended := false
	for i := 0; i < len(sql); i++ {
		c := sql[i]
		switch {
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-', c == '#':
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			end := i + 2
			for end+1 < len(sql) && !(sql[end] == '*' && sql[end+1] == '/') {
				end++
			}
			i = end + 1
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c == ';':
			ended = true
		default:
			if ended {
				return ErrMultipleStatements
			}
			if c == '\'' || c == '"' || c == '`' {
				for i++; i < len(sql) && sql[i] != c; i++ {
					if sql[i] == '\\' {
						i++
					}
				}
			}
		}
	}
	return nil
}

// Package table owns reading the tabular files HR exports come in: CSV
// (comma, tab or semicolon separated, RFC 4180 quoting, any line end), XLSX
// and JSON Lines, encoded as UTF-8, UTF-8 with a byte-order mark or
// Shift_JIS (CP932, what Excel in Japan writes). It turns a file into a
// header and records of strings, with the exact line of every record and
// typed errors that name the file, line and column of bad input.
//
// It does not know what the columns mean: mapping columns to fields and
// parsing cell values belong to the layer above.
//
// Reading a CSV file does not allocate per record: the fields of a Record
// point into a buffer that the next call to Next reuses, the way
// bufio.Scanner.Bytes does. Callers copy what they keep.
package table

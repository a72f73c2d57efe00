// Package cell owns reading the value of one cell of an HR export: it turns
// the text of a cell into a date, a number, a yes/no value or a survey answer,
// or says precisely why it cannot.
//
// HR files from Japanese companies are messy, and the parsers accept what they
// hold: full-width digits and letters, ideographic spaces, Japanese era dates
// (令和7年4月1日, R7.4.1), Excel serial numbers, thousands separators and units
// (¥1,234, 12.5時間), and Likert answers as labels in Japanese or English. Every
// parser first applies Normalize, and every failure is an *Error whose Kind is
// ErrEmpty, ErrAmbiguous or ErrInvalid.
//
// The package knows nothing of files, columns or datasets: the layer above
// reads the files, maps columns to fields and adds the file, line and column to
// the errors it reports.
package cell

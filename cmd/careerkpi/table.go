package main

import (
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// textTable is a table for a terminal: columns two spaces apart, each as
// wide as its widest cell as the terminal shows it, so that Japanese
// names (a character two columns wide) line up, where text/tabwriter
// counts every character as one.
type textTable struct {
	t    table.Writer
	cols int
}

// newTextTable starts a table with the header's cells, written as given.
func newTextTable(header ...string) *textTable {
	t := table.NewWriter()
	style := table.StyleDefault
	style.Box = table.BoxStyle{MiddleVertical: "  "}
	style.Options = table.Options{SeparateColumns: true}
	style.Format = table.FormatOptions{}
	t.SetStyle(style)
	t.AppendHeader(tableRow(header))
	return &textTable{t: t, cols: len(header)}
}

// add appends a row.
func (tt *textTable) add(row ...string) { tt.t.AppendRow(tableRow(row)) }

// alignRight aligns every column, header included, to the right.
func (tt *textTable) alignRight() {
	configs := make([]table.ColumnConfig, tt.cols)
	for i := range configs {
		configs[i] = table.ColumnConfig{Number: i + 1, Align: text.AlignRight, AlignHeader: text.AlignRight}
	}
	tt.t.SetColumnConfigs(configs)
}

// write writes the table, lines without trailing spaces.
func (tt *textTable) write(w io.Writer) error {
	lines := strings.Split(tt.t.Render(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
	return err
}

func tableRow(s []string) table.Row {
	row := make(table.Row, len(s))
	for i, c := range s {
		row[i] = c
	}
	return row
}

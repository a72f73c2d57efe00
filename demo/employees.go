package demo

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// employeeHeader is the header of the HR master export.
var employeeHeader = []string{"社員番号", "氏名", "所属", "本部", "等級", "雇用形態", "管理職", "上長社員番号", "性別", "生年月日", "採用区分", "入社日", "退職日", "退職区分", "惜しまれる退職", "基準日"}

// masterSheet is the sheet of the XLSX export that holds the master.
const masterSheet = "社員マスタ"

// snapshotDays are the days of the employee snapshots: the first day of
// every reported fiscal year, and today.
func (c *company) snapshotDays() []day {
	var ds []day
	for _, fy := range c.fys[1:] {
		if fy.start <= c.now {
			ds = append(ds, fy.start)
		}
	}
	if ds[len(ds)-1] != c.now {
		ds = append(ds, c.now)
	}
	return ds
}

// employeeWriters write one snapshot per fiscal year as Shift_JIS CSV and
// the current one as XLSX.
func (c *company) employeeWriters(dir string) []writer {
	ds := c.snapshotDays()
	ws := make([]writer, len(ds))
	for i, d := range ds {
		name := "employees_" + string(d.iso(nil)) + ".csv"
		write := func() (File, error) { return c.writeSnapshotCSV(filepath.Join(dir, name), d) }
		if i == len(ds)-1 {
			name = "employees_" + string(d.iso(nil)) + ".xlsx"
			write = func() (File, error) { return c.writeSnapshotXLSX(filepath.Join(dir, name), d) }
		}
		ws[i] = writer{cost: float64(len(c.people)) * 2, write: write}
	}
	ws[len(ws)-1].cost *= 4
	return ws
}

// snapshotRow is an employee as the master shows them on a day.
type snapshotRow struct {
	id        int32
	p         *person
	st        *yearState
	boss      int32
	separated bool // terminated on or before the snapshot day
}

// snapshot calls f for everyone hired by day d, in order of employee number.
func (c *company) snapshot(d day, f func(snapshotRow) error) error {
	k := fiscalYearOf(d) - c.fys[0].year
	for i := range c.people {
		p := &c.people[i]
		if p.hire > d {
			continue
		}
		row := snapshotRow{id: int32(i), p: p}
		if p.term < d {
			row.separated = true
			row.st = p.last()
			row.boss = c.managerAt(int32(i), fiscalYearOf(p.term)-c.fys[0].year, p.term)
		} else {
			row.separated = p.term == d
			row.st = p.state(k)
			row.boss = c.managerAt(int32(i), k, d)
		}
		if err := f(row); err != nil {
			return err
		}
	}
	return nil
}

func (p *person) name() string {
	given := maleNames
	if p.female {
		given = femaleNames
	}
	return familyNames[p.family] + "\u3000" + given[p.given]
}

func yesNo(b bool) string {
	if b {
		return "はい"
	}
	return "いいえ"
}

func gender(p *person) string {
	if p.female {
		return "女性"
	}
	return "男性"
}

func hireType(p *person) string {
	if p.newGrad {
		return "新卒"
	}
	return "中途"
}

func grade(g int8) string { return "G" + strconv.Itoa(int(g)) }

func (c *company) writeSnapshotCSV(path string, d day) (File, error) {
	w, err := createCSV(path, shiftJIS)
	if err != nil {
		return File{}, err
	}
	if err := w.header(employeeHeader...); err != nil {
		return File{}, w.abort(err)
	}
	err = c.snapshot(d, func(row snapshotRow) error {
		p, st := row.p, row.st
		w.raw(func(b []byte) []byte { return appendEmployeeID(b, row.id) })
		w.text(p.name())
		w.text(c.depts[st.dept].name)
		w.text(c.divs[c.depts[st.dept].div].name)
		w.text(grade(st.grade))
		w.text(empNames[p.emp])
		w.text(yesNo(st.mgr))
		if row.boss >= 0 {
			w.raw(func(b []byte) []byte { return appendEmployeeID(b, row.boss) })
		} else {
			w.empty()
		}
		w.text(gender(p))
		w.raw(p.birth.slash)
		w.text(hireType(p))
		w.raw(p.hire.slash)
		if row.separated {
			w.raw(p.term.slash)
			w.text(termNames[p.termType])
			w.text(yesNo(p.regretted))
		} else {
			w.empty()
			w.empty()
			w.empty()
		}
		w.raw(d.slash)
		return w.end()
	})
	if err != nil {
		return File{}, w.abort(err)
	}
	return File{Dataset: "employees", Path: path}, w.close()
}

// writeSnapshotXLSX writes the current master as the HR system exports it
// to Excel: a sheet with the export's conditions, then the master, whose
// dates are Excel dates and which has no as-of column (the conditions
// sheet gives it).
func (c *company) writeSnapshotXLSX(path string, d day) (File, error) {
	fail := func(err error) (File, error) { return File{}, fmt.Errorf("demo: write %s: %w", path, err) }
	x := excelize.NewFile()
	defer x.Close()
	const cover = "出力条件"
	if err := x.SetSheetName("Sheet1", cover); err != nil {
		return fail(err)
	}
	for i, kv := range [][2]string{{"帳票名", "社員マスタ一覧"}, {"基準日", string(d.slash(nil))}, {"出力日", string(d.slash(nil))}, {"出力者", "人事部 人事企画課"}, {"対象", "全社員（退職者を含む）"}} {
		if err := x.SetSheetRow(cover, fmt.Sprintf("A%d", i+1), &[]any{kv[0], kv[1]}); err != nil {
			return fail(err)
		}
	}
	if _, err := x.NewSheet(masterSheet); err != nil {
		return fail(err)
	}
	sw, err := x.NewStreamWriter(masterSheet)
	if err != nil {
		return fail(err)
	}
	dateStyle, err := x.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy/m/d")})
	if err != nil {
		return fail(err)
	}
	headStyle, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return fail(err)
	}
	header := employeeHeader[:len(employeeHeader)-1]
	widths := []float64{10, 14, 22, 20, 6, 10, 8, 12, 6, 12, 8, 12, 12, 10, 14}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return fail(err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fail(err)
	}
	head := make([]any, len(header))
	for i, h := range header {
		head[i] = excelize.Cell{StyleID: headStyle, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fail(err)
	}
	dateCell := func(t day) excelize.Cell { return excelize.Cell{StyleID: dateStyle, Value: t.time()} }
	line := 1
	vals := make([]any, len(header))
	err = c.snapshot(d, func(row snapshotRow) error {
		p, st := row.p, row.st
		line++
		var boss any // an empty cell for the division heads
		if row.boss >= 0 {
			boss = employeeID(int(row.boss))
		}
		vals = append(vals[:0], employeeID(int(row.id)), p.name(), c.depts[st.dept].name, c.divs[c.depts[st.dept].div].name,
			grade(st.grade), empNames[p.emp], yesNo(st.mgr), boss, gender(p), dateCell(p.birth), hireType(p), dateCell(p.hire))
		if row.separated {
			vals = append(vals, dateCell(p.term), termNames[p.termType], yesNo(p.regretted))
		} else {
			vals = append(vals, nil, nil, nil)
		}
		cell, _ := excelize.CoordinatesToCellName(1, line)
		return sw.SetRow(cell, vals)
	})
	if err != nil {
		return fail(err)
	}
	if err := sw.Flush(); err != nil {
		return fail(err)
	}
	f, err := os.Create(path)
	if err != nil {
		return File{}, fmt.Errorf("demo: %w", err)
	}
	if _, err := x.WriteTo(f); err != nil {
		f.Close()
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	return File{Dataset: "employees", Path: path, Sheet: masterSheet, AsOf: d.time().Format(time.DateOnly)}, nil
}

func ptr[T any](v T) *T { return &v }

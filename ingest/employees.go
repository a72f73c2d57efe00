package ingest

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The fields parse reads.
var (
	empEmployeeID      = employeesDataset.mustField("employee_id")
	empDepartment      = employeesDataset.mustField("department")
	empDivision        = employeesDataset.mustField("division")
	empGrade           = employeesDataset.mustField("grade")
	empJobFamily       = employeesDataset.mustField("job_family")
	empEmploymentType  = employeesDataset.mustField("employment_type")
	empIsManager       = employeesDataset.mustField("is_manager")
	empManagerID       = employeesDataset.mustField("manager_id")
	empGender          = employeesDataset.mustField("gender")
	empBirthDate       = employeesDataset.mustField("birth_date")
	empHireType        = employeesDataset.mustField("hire_type")
	empTerminationType = employeesDataset.mustField("termination_type")
	empRegretted       = employeesDataset.mustField("regretted")
	empAsOf            = employeesDataset.mustField("as_of")
	empHireDate        = employeesDataset.mustField("hire_date")
	empTerminationDate = employeesDataset.mustField("termination_date")
)

// undated is the as_of of an employees file that is not a dated snapshot:
// the earliest date, so that it holds for every day until a dated snapshot
// takes over, and so that loading the same file again gives the same rows.
var undated = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// employeeRow is a row of raw_employee_snapshots.
type employeeRow struct {
	BatchID         uuid.UUID  `ch:"batch_id"`
	AsOf            time.Time  `ch:"as_of"`
	EmployeeID      string     `ch:"employee_id"`
	Department      string     `ch:"department"`
	Division        string     `ch:"division"`
	Grade           string     `ch:"grade"`
	JobFamily       string     `ch:"job_family"`
	EmploymentType  string     `ch:"employment_type"`
	IsManager       *bool      `ch:"is_manager"`
	ManagerID       string     `ch:"manager_id"`
	Gender          string     `ch:"gender"`
	BirthDate       *time.Time `ch:"birth_date"`
	HireType        string     `ch:"hire_type"`
	HireDate        time.Time  `ch:"hire_date"`
	TerminationDate *time.Time `ch:"termination_date"`
	TerminationType string     `ch:"termination_type"`
	Regretted       *bool      `ch:"regretted"`
	SourceLine      uint32     `ch:"source_line"`
}

func (e *employeeRow) key(b []byte) []byte {
	b = appendDate(b, e.AsOf)
	b = appendStrings(b, e.EmployeeID, e.Department, e.Division, e.Grade, e.JobFamily, e.EmploymentType, e.ManagerID, e.Gender, e.HireType, e.TerminationType)
	b = appendOptBool(b, e.IsManager)
	b = appendOptBool(b, e.Regretted)
	b = appendOptDate(b, e.BirthDate)
	b = appendDate(b, e.HireDate)
	return appendOptDate(b, e.TerminationDate)
}

// employees parses employees files: one snapshot per as_of date.
type employees struct {
	batch uuid.UUID
	asOf  *time.Time // from --as-of or the mapping
	// lines remembers where each employee first appears in each snapshot.
	lines map[time.Time]map[string]string
}

func (e *employees) parse(r *row, emit func(employeeRow)) {
	out := employeeRow{
		BatchID:         e.batch,
		EmployeeID:      r.required(empEmployeeID),
		Department:      r.required(empDepartment),
		Division:        r.text(empDivision),
		Grade:           r.text(empGrade),
		JobFamily:       r.text(empJobFamily),
		EmploymentType:  r.text(empEmploymentType),
		IsManager:       r.boolean(empIsManager),
		ManagerID:       r.text(empManagerID),
		Gender:          r.enum(empGender),
		BirthDate:       r.optDate(empBirthDate),
		HireType:        r.enum(empHireType),
		TerminationType: r.enum(empTerminationType),
		Regretted:       r.boolean(empRegretted),
		SourceLine:      uint32(r.rec.Line),
	}
	switch d, ok := r.date(empAsOf); {
	case ok:
		out.AsOf = d
	case e.asOf != nil:
		out.AsOf = *e.asOf
	default:
		out.AsOf = undated
	}
	r.asOf = out.AsOf
	if out.AsOf.Equal(undated) {
		r.asOf = time.Time{}
	}
	out.HireDate = r.requiredDate(empHireDate)
	out.TerminationDate = r.optDate(empTerminationDate)
	if t := out.TerminationDate; t != nil && !out.HireDate.IsZero() && t.Before(out.HireDate) {
		r.errorf(empTerminationDate, "the termination date %s is before the hire date %s", t.Format(time.DateOnly), out.HireDate.Format(time.DateOnly))
	}
	if out.TerminationType != "" && out.TerminationDate == nil {
		r.warnf(empTerminationType, "a termination type (%s) without a termination date", out.TerminationType)
	}
	if b := out.BirthDate; b != nil && !out.HireDate.IsZero() && !b.Before(out.HireDate) {
		r.errorf(empBirthDate, "the birth date %s is not before the hire date %s", b.Format(time.DateOnly), out.HireDate.Format(time.DateOnly))
	}
	if out.EmployeeID != "" && !r.bad {
		snap := e.lines[out.AsOf]
		if snap == nil {
			snap = map[string]string{}
			e.lines[out.AsOf] = snap
		}
		if first, dup := snap[out.EmployeeID]; dup {
			when := "the snapshot of " + out.AsOf.Format(time.DateOnly)
			if out.AsOf.Equal(undated) {
				when = "the undated master"
			}
			r.errorf(empEmployeeID, "employee %s appears twice in %s (first at %s)", out.EmployeeID, when, first)
		} else {
			snap[strings.Clone(out.EmployeeID)] = r.p.file + ":" + strconv.Itoa(r.rec.Line)
		}
	}
	emit(out)
}

package cell

import (
	"errors"
	"fmt"
)

// The kinds of Error, to be tested with errors.Is.
var (
	// ErrEmpty is the kind of the error for a cell that holds nothing but
	// white space; the caller decides whether an empty cell is allowed.
	ErrEmpty = errors.New("empty cell")
	// ErrAmbiguous is the kind of the error for a cell that can be read in
	// more than one way, such as 4/1/2025 in a column without a date order.
	ErrAmbiguous = errors.New("ambiguous cell")
	// ErrInvalid is the kind of the error for a cell that is not a value of
	// the type asked for.
	ErrInvalid = errors.New("invalid cell")
)

// Error says why the text of a cell is not a value of the type asked for.
// Its message names the cell's text and the reason, for example
// `"2025/13/1" is not a date: month 13 does not exist`.
type Error struct {
	Input  string // the cell's text as given, before Normalize
	Want   string // what the cell should hold: "a date", "an integer", …
	Reason string // why it does not, e.g. "month 13 does not exist"
	Kind   error  // ErrEmpty, ErrAmbiguous or ErrInvalid
}

// Error returns the message of e.
func (e *Error) Error() string {
	if e.Kind == ErrAmbiguous {
		return fmt.Sprintf("%q is ambiguous: %s", e.Input, e.Reason)
	}
	return fmt.Sprintf("%q is not %s: %s", e.Input, e.Want, e.Reason)
}

// Unwrap returns the kind of e, so that errors.Is(err, ErrEmpty) works.
func (e *Error) Unwrap() error { return e.Kind }

// emptyError returns the error for an empty cell that should hold want.
func emptyError(input, want string) *Error {
	return &Error{Input: input, Want: want, Reason: "the cell is empty", Kind: ErrEmpty}
}

// invalid returns an ErrInvalid error with a formatted reason.
func invalid(input, want, format string, args ...any) *Error {
	return &Error{Input: input, Want: want, Reason: fmt.Sprintf(format, args...), Kind: ErrInvalid}
}

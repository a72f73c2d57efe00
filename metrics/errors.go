package metrics

import (
	"errors"
	"fmt"
)

// RequestError is a request the engine cannot answer as asked — an unknown
// metric or program, a dimension it cannot be cut or filtered by, a value
// a dimension does not take — a mistake of the caller's rather than of
// the data or the store. The API answers it with 400.
type RequestError struct{ Err error }

func (e *RequestError) Error() string { return e.Err.Error() }
func (e *RequestError) Unwrap() error { return e.Err }

// requestError marks err, when there is one, as the caller's mistake.
func requestError(err error) error {
	var re *RequestError
	if err == nil || errors.As(err, &re) {
		return err
	}
	return &RequestError{Err: err}
}

// requestErrorf is fmt.Errorf marked as the caller's mistake.
func requestErrorf(format string, args ...any) error {
	return &RequestError{Err: fmt.Errorf(format, args...)}
}

// IsRequestError reports whether err is, or wraps, a RequestError.
func IsRequestError(err error) bool {
	var re *RequestError
	return errors.As(err, &re)
}

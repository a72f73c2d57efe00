package metrics

import "context"

// Figures gives a metric's values for a request: the engine computes them
// from the data as it is (live), a Published version reads them as they
// were frozen. The report and the API read either through it.
type Figures interface {
	Compute(ctx context.Context, req Request) (*Result, error)
}

var _ Figures = (*Engine)(nil)

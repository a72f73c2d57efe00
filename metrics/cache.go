package metrics

import (
	"context"
	"encoding/json"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/careerkpi/careerkpi/queries"
)

// resultCache keeps computed results for as long as the data they were
// computed from is unchanged: each entry is keyed by the data version
// (queries.Current) and the request, so a load, undo or replace makes every
// older entry unreachable, and the least recently used make way for new
// ones. Cached results are shared: callers must not modify them.
type resultCache struct {
	entries *lru.Cache[string, any]
}

// EnableCache makes the engine keep up to size results (metric values and
// program impact) and answer a request again from them while the data is
// unchanged. Pages ask the same questions many times; the CLI does not need
// it.
func (e *Engine) EnableCache(size int) {
	c, err := lru.New[string, any](size)
	if err != nil {
		panic(err) // size <= 0: a programming error
	}
	e.cache = &resultCache{entries: c}
}

// cacheKey returns the key of a request at a data version, or "" when the
// engine keeps no cache.
func (e *Engine) cacheKey(version, kind string, req any) string {
	if e.cache == nil {
		return ""
	}
	b, err := json.Marshal(req)
	if err != nil {
		return ""
	}
	return version + "\x00" + kind + "\x00" + string(b)
}

func (e *Engine) cached(key string) (any, bool) {
	if key == "" {
		return nil, false
	}
	return e.cache.entries.Get(key)
}

func (e *Engine) keep(key string, v any) {
	if key != "" {
		e.cache.entries.Add(key, v)
	}
}

// versionKey is the context key of a pinned data version.
type versionKey struct{}

// AtVersion returns a context in which the engine takes the data to be at
// version (from queries.Current) instead of asking the store again for
// every figure: a page pins the version once, and all its figures come
// from the same data.
func AtVersion(ctx context.Context, version string) context.Context {
	return context.WithValue(ctx, versionKey{}, version)
}

// current returns the data version: the one pinned in ctx, or the store's
// once the derived tables are up to date.
func (e *Engine) current(ctx context.Context) (string, error) {
	if v, ok := ctx.Value(versionKey{}).(string); ok && v != "" {
		return v, nil
	}
	return e.Current(ctx)
}

// Current brings the derived tables up to date for the engine's settings
// and returns the version of the data (queries.Current), for AtVersion.
func (e *Engine) Current(ctx context.Context) (string, error) {
	return queries.Current(ctx, e.Store, e.derivedSettings()...)
}

// targetsMu guards Engine.Targets against SetTargets.
var targetsMu sync.RWMutex

// SetTargets replaces the engine's targets and forgets every cached result,
// which carries the old ones.
func (e *Engine) SetTargets(t Targets) {
	targetsMu.Lock()
	e.Targets = t
	targetsMu.Unlock()
	if e.cache != nil {
		e.cache.entries.Purge()
	}
}

// target returns a metric's target for fiscal year fy.
func (e *Engine) target(metric string, fy int) (float64, bool) {
	targetsMu.RLock()
	defer targetsMu.RUnlock()
	t, ok := e.Targets[metric][fy]
	return t, ok
}

package dashboard

import (
	"testing"
	"time"
)

// TestReadTimeout: the server waits for an upload of the whole limit at
// 2 MiB/s, and at least 30 s.
func TestReadTimeout(t *testing.T) {
	for limit, want := range map[int]time.Duration{
		16 << 20:  30 * time.Second,
		256 << 20: 128 * time.Second, // the default limit
		2 << 30:   1024 * time.Second,
	} {
		if got := readTimeout(limit); got != want {
			t.Errorf("readTimeout(%d MiB) = %v, want %v", limit>>20, got, want)
		}
	}
}

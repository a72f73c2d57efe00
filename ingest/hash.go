package ingest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"time"

	"github.com/cespare/xxhash/v2"
)

// contentHash identifies the content of a load: the multiset of its rows,
// whatever their order in the files. Each row's fields (without its batch
// and line) are hashed twice, with two seeds, and the hashes summed; loading
// the same rows again gives the same sums. Two 64-bit sums make an
// accidental collision practically impossible.
type contentHash struct {
	d          *xxhash.Digest
	sum1, sum2 uint64
	rows       uint64
	buf        []byte
}

func newContentHash() *contentHash {
	return &contentHash{d: xxhash.New(), buf: make([]byte, 0, 256)}
}

// add adds a row, given the bytes of its key.
func (h *contentHash) add(key []byte) {
	h.d.ResetWithSeed(0x9e3779b97f4a7c15)
	h.d.Write(key)
	h.sum1 += h.d.Sum64()
	h.d.ResetWithSeed(0xc2b2ae3d27d4eb4f)
	h.d.Write(key)
	h.sum2 += h.d.Sum64()
	h.rows++
}

// merge adds the rows counted in o.
func (h *contentHash) merge(o *contentHash) {
	h.sum1 += o.sum1
	h.sum2 += o.sum2
	h.rows += o.rows
}

// reset forgets the rows counted.
func (h *contentHash) reset() {
	h.sum1, h.sum2, h.rows = 0, 0, 0
}

// String returns the hash of a dataset's rows, as stored in load_batches.
func (h *contentHash) String(dataset string) string {
	s := sha256.New()
	s.Write([]byte(dataset))
	var b [24]byte
	binary.LittleEndian.PutUint64(b[0:], h.rows)
	binary.LittleEndian.PutUint64(b[8:], h.sum1)
	binary.LittleEndian.PutUint64(b[16:], h.sum2)
	s.Write(b[:])
	return hex.EncodeToString(s.Sum(nil))
}

// The helpers that write a row's key: every value followed by a separator
// byte that no text holds, so that ("ab", "c") and ("a", "bc") differ.

const sep = 0x1f

func appendStrings(b []byte, ss ...string) []byte {
	for _, s := range ss {
		b = append(append(b, s...), sep)
	}
	return b
}

func appendDate(b []byte, t time.Time) []byte {
	return append(binary.LittleEndian.AppendUint64(b, uint64(t.Unix())), sep)
}

func appendOptDate(b []byte, t *time.Time) []byte {
	if t == nil {
		return append(b, 0, sep)
	}
	return appendDate(append(b, 1), *t)
}

func appendOptBool(b []byte, v *bool) []byte {
	switch {
	case v == nil:
		return append(b, 0, sep)
	case *v:
		return append(b, 2, sep)
	}
	return append(b, 1, sep)
}

func appendOptFloat(b []byte, v *float64) []byte {
	if v == nil {
		return append(b, 0, sep)
	}
	return append(binary.LittleEndian.AppendUint64(append(b, 1), math.Float64bits(*v)), sep)
}

func appendOptInt(b []byte, v *int64) []byte {
	if v == nil {
		return append(b, 0, sep)
	}
	return append(binary.LittleEndian.AppendUint64(append(b, 1), uint64(*v)), sep)
}

// Package rowbinary owns ClickHouse's RowBinary format as careerkpi uses it:
// parsing ClickHouse type names, encoding Go values into RowBinary rows for
// bulk inserts, and decoding RowBinary results into Go values. BlockWriter
// builds blocks of the Native format, which the embedded engine inserts
// faster, from RowBinary rows or straight from Go values.
//
// The conversions between ClickHouse types and Go types are defined here once
// and shared by both store backends, so that a query scans into the same Go
// types whether it ran on the embedded engine or on a ClickHouse server.
//
// ClickHouse type → Go destinations accepted by Scan:
//
//	UInt8…UInt64, Int8…Int64  any Go integer type (range-checked), float32, float64
//	UInt8                     also bool
//	Float32, Float64          float32, float64
//	Bool                      bool
//	String, FixedString(N)    string, []byte
//	Enum8, Enum16             string (the name)
//	Date, Date32, DateTime,
//	DateTime64                time.Time (Date and Date32 at midnight UTC)
//	UUID                      [16]byte types such as uuid.UUID, string
//	Nullable(T)               *D, where D is a destination of T (nil for NULL)
//	Array(T)                  []D, where D is a destination of T
//	LowCardinality(T)         the destinations of T
//	Nothing (a bare NULL)     any destination, which gets its zero value
//	any type                  any (the value in its natural Go type)
package rowbinary

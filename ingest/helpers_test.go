package ingest_test

import "strconv"

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }
func fmtInt(n int64) string     { return strconv.FormatInt(n, 10) }

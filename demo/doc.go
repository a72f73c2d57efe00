// Package demo owns the demo company: a synthetic but realistic Japanese
// company whose HR data it writes as the input files HR would export — the
// employee master as yearly snapshots (Shift_JIS CSV and one XLSX), the
// program catalog, the program events of each fiscal year, the survey
// definitions, and the survey answers in long and wide (survey tool) form —
// for package ingest to load.
//
// The company is simulated, not sampled: people are hired, promoted, moved
// and leave year by year, and the effects the product is about are built
// into that simulation (Story describes them). The same seed and size give
// byte-identical files. The large size streams its events to disk, one
// fiscal year at a time per worker, and never holds them in memory.
package demo

// Package embedded is the default store: ClickHouse embedded in the careerkpi
// process through chDB's libchdb.so, keeping its data in a local folder.
//
// It is our own small binding, made with purego (no cgo): libchdb.so is
// loaded on first use, so binaries and tests that never open an embedded
// store never need the library. It takes care of chDB's traps, measured in
// ENGINE.md: it restores Go's signal handlers after chDB installs its own,
// locks the data folder so that a second process is told which process holds
// it, stages bulk inserts through RowBinary files read by file(), and copies
// nothing it does not need to out of the engine's buffers.
package embedded

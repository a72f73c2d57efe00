// Package ingest owns loading data into careerkpi: it reads HR exports as
// they come (CSV, XLSX, JSON Lines; UTF-8 or Shift_JIS; Japanese or English
// headers), maps their columns to the fields of a dataset, checks every row,
// and writes the rows of one load as one batch, which becomes visible whole
// or not at all.
package ingest

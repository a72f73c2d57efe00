// Package catalog owns the vocabulary of career autonomy programs: the three
// opportunities (know, challenge, learn) and the manager programs, the kinds
// of program in each, the built-in default programs, and the actions an
// event of a program can record. Ingest checks loaded data against it;
// metrics group by it.
package catalog

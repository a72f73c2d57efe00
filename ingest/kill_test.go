package ingest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/embedded"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

// A load killed with SIGKILL half-way leaves nothing visible; the next start
// removes what it wrote, and the same file then loads as if for the first
// time. The test binary runs itself as the killed loader and as the
// verifier: one process can hold only one embedded data folder.

const (
	childRole = "CAREERKPI_INGEST_TEST_ROLE"
	childDir  = "CAREERKPI_INGEST_TEST_DIR"
	childFile = "CAREERKPI_INGEST_TEST_FILE"
	killRows  = 200_000
)

func TestKillDuringLoad(t *testing.T) {
	dir := t.TempDir()
	events := filepath.Join(dir, "events.csv")
	f, err := os.Create(events)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("employee_id,program,event_date,action,hours\r\n")
	for i := 0; i < killRows; i++ {
		fmt.Fprintf(w, "E%d,training,2024-%02d-%02d,participated,%d.5\r\n", i%50, i%12+1, i%28+1, i%8)
	}
	w.Flush()
	f.Close()
	data := filepath.Join(dir, "data")

	loader := exec.Command(os.Args[0], "-test.run=^$")
	loader.Env = append(os.Environ(), childRole+"=loader", childDir+"="+data, childFile+"="+events)
	loader.Stderr = os.Stderr
	out, err := loader.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := loader.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	mid := false
	for lines.Scan() {
		if lines.Text() == "MID-LOAD" {
			mid = true
			break
		}
	}
	loader.Process.Kill() // SIGKILL
	loader.Wait()
	if !mid {
		t.Fatal("the loader never reached the middle of its load")
	}

	verifier := exec.Command(os.Args[0], "-test.run=^$")
	verifier.Env = append(os.Environ(), childRole+"=verifier", childDir+"="+data, childFile+"="+events)
	verifier.Stderr = os.Stderr
	res, err := verifier.Output()
	if err != nil {
		t.Fatalf("verifier: %v", err)
	}
	var v killVerdict
	if err := json.Unmarshal(res, &v); err != nil {
		t.Fatalf("verifier said %q: %v", res, err)
	}
	t.Logf("after the kill: %+v", v)
	if v.RawBefore == 0 || v.VisibleBefore != 0 || v.RawAfter != 0 || v.Recovered != 1 {
		t.Errorf("the killed load: %d rows on disk and %d visible before recovery, %d on disk after, %d recovered; want >0, 0, 0, 1", v.RawBefore, v.VisibleBefore, v.RawAfter, v.Recovered)
	}
	if v.Reload != string(ingest.Loaded) || v.VisibleAfterReload != killRows {
		t.Errorf("loading the file again: %s with %d rows visible; want loaded with %d", v.Reload, v.VisibleAfterReload, killRows)
	}
}

type killVerdict struct {
	RawBefore          uint64 `json:"raw_before"`
	VisibleBefore      uint64 `json:"visible_before"`
	Recovered          int    `json:"recovered"`
	RawAfter           uint64 `json:"raw_after"`
	Reload             string `json:"reload"`
	VisibleAfterReload uint64 `json:"visible_after_reload"`
}

func runChild(role string) int {
	ctx := context.Background()
	s, err := embedded.Open(ctx, embedded.Options{Dir: os.Getenv(childDir), Library: os.Getenv(querytest.LibraryVariable), InsertBlockRows: 10_000, InsertPartRows: 10_000})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if _, err := queries.MigrateSchema(ctx, s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	count := func(sql string) uint64 {
		n, err := queries.Get[uint64](ctx, s, sql, nil)
		if err != nil {
			panic(err)
		}
		return n
	}
	req := ingest.Request{Dataset: "events", Files: []string{os.Getenv(childFile)}}
	switch role {
	case "loader":
		req.Progress = func(p ingest.Progress) {
			if p.Rows > killRows/2 && count("SELECT count() FROM raw_program_events") > 0 {
				fmt.Println("MID-LOAD")
				os.Stdout.Sync()
				select {} // hold the load here, rows on disk, until the SIGKILL
			}
		}
		rep, err := ingest.Load(ctx, s, req)
		fmt.Fprintf(os.Stderr, "the load ended instead of being killed: %v %v\n", rep, err)
		return 1
	case "verifier":
		var v killVerdict
		v.RawBefore = count("SELECT count() FROM raw_program_events")
		v.VisibleBefore = count("SELECT count() FROM program_events")
		recovered, err := queries.RecoverBatches(ctx, s, s.Info().OpenedAt)
		if err != nil {
			panic(err)
		}
		v.Recovered = len(recovered)
		v.RawAfter = count("SELECT count() FROM raw_program_events")
		rep, err := ingest.Load(ctx, s, req)
		if err != nil {
			panic(err)
		}
		v.Reload = string(rep.Outcome)
		if rep.Outcome != ingest.Loaded {
			var b strings.Builder
			rep.Write(&b)
			fmt.Fprintln(os.Stderr, b.String())
		}
		v.VisibleAfterReload = count("SELECT count() FROM program_events")
		json.NewEncoder(os.Stdout).Encode(v)
		return 0
	}
	return 1
}

package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func noEnv(string) (string, bool) { return "", false }

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestGoodFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.good.yml")
	if len(files) == 0 {
		t.Fatal("no testdata/*.good.yml")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if _, err := Load(f, noEnv, nil); err != nil {
				t.Fatal(err)
			}
		})
	}
	c, err := Load("testdata/full.good.yml", noEnv, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		DataDir: "/var/lib/careerkpi", ChDBLibrary: "/opt/chdb/libchdb.so", Database: "hr_analytics", Connections: 8,
		ClickHouse: ClickHouse{DSN: "clickhouse://careerkpi@ch1.example.internal:9440/hr_analytics?secure=true", Password: "from-the-file", Cluster: "hr_cluster"},
		Addr:       "0.0.0.0:8443", UploadLimitMB: 256, Log: Log{Level: "debug", Format: "json"},
		FiscalYearStart: 1, TimeZone: "Asia/Tokyo", AnonymityThreshold: 7, TurnoverFormula: "start_plus_hires",
		Targets: map[string]map[int]float64{"career_interview_coverage": {2025: 100, 2026: 100}, "attrition_rate": {2025: 8.5}},
	}
	if !reflect.DeepEqual(*c, want) {
		t.Errorf("full.good.yml =\n%+v\nwant\n%+v", *c, want)
	}
	if c.Embedded() {
		t.Error("a DSN should select the server")
	}
	if e, _ := Load("testdata/empty.good.yml", noEnv, nil); !reflect.DeepEqual(*e, Defaults()) || !e.Embedded() {
		t.Errorf("empty file = %+v, want the defaults", *e)
	}
}

func TestBadFiles(t *testing.T) {
	want := map[string][]string{
		"unknown-key.bad.yml":    {"line 2: field fiscal_yeer_start not found", "known keys: data_dir"},
		"unknown-nested.bad.yml": {"line 2: field dns not found"},
		"wrong-type.bad.yml":     {"line 1", "cannot unmarshal !!str `many` into int"},
		"invalid-values.bad.yml": {"database: \"hr-analytics\" is not a database name", "connections: 0 is not between 1 and 64", "addr: \"localhost\" is not host:port", "log.level: \"loud\"", "fiscal_year_start: 13 is not a month", "anonymity_threshold: 2 is below 3", "time_zone: \"Mars/Olympus\"", "turnover_formula: \"per_capita\" is not average_headcount"},
		"bad-dsn.bad.yml":        {"clickhouse.dsn: must start with clickhouse://"},
		"bad-cluster.bad.yml":    {"clickhouse.cluster: needs clickhouse.dsn"},
	}
	files, _ := filepath.Glob("testdata/*.bad.yml")
	if len(files) != len(want) {
		t.Fatalf("%d bad files, %d expectations", len(files), len(want))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := Load(f, noEnv, nil)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			for _, w := range want[filepath.Base(f)] {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
	if _, err := Load("testdata/missing.yml", noEnv, nil); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

// TestPrecedence: flags beat the environment, which beats the file, which
// beats the defaults.
func TestPrecedence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c.yml")
	os.WriteFile(file, []byte("data_dir: /from/file\ndatabase: from_file\nconnections: 2\naddr: 127.0.0.1:1111\n"), 0o644)
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	AddFlags(fs, false)
	AddFlags(fs, true)
	if err := fs.Parse([]string{"--database=from_flag", "--addr=127.0.0.1:3333"}); err != nil {
		t.Fatal(err)
	}
	env := envOf(map[string]string{"CAREERKPI_DATABASE": "from_env", "CAREERKPI_CONNECTIONS": "6", "CAREERKPI_ADDR": "127.0.0.1:2222"})
	c, err := Load(file, env, fs)
	if err != nil {
		t.Fatal(err)
	}
	if c.DataDir != "/from/file" || c.Connections != 6 || c.Database != "from_flag" || c.Addr != "127.0.0.1:3333" || c.Log.Level != "info" {
		t.Fatalf("config = %+v", *c)
	}
	// A flag left at its default does not override the environment.
	fs2 := pflag.NewFlagSet("t", pflag.ContinueOnError)
	AddFlags(fs2, false)
	fs2.Parse(nil)
	if c, _ := Load("", env, fs2); c.Database != "from_env" {
		t.Fatalf("unset flag overrode the environment: %+v", *c)
	}
	if _, err := Load("", envOf(map[string]string{"CAREERKPI_CONNECTIONS": "lots"}), nil); err == nil || !strings.Contains(err.Error(), "CAREERKPI_CONNECTIONS") {
		t.Fatalf("bad number in the environment: %v", err)
	}
}

// TestReadmeDocumentsSettings keeps the README's configuration table true.
func TestReadmeDocumentsSettings(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, s := range append(Settings, Setting{Key: "--config", Env: FileEnv}) {
		row := "| `" + s.Key + "`"
		if s.Key == "--config" {
			row = "| `--config`"
		}
		i := strings.Index(readme, row)
		if i < 0 {
			t.Errorf("README.md has no configuration row for %s", s.Key)
			continue
		}
		line, _, _ := strings.Cut(readme[i:], "\n")
		if !strings.Contains(line, "`"+s.Env+"`") || s.Flag != "" && !strings.Contains(line, "`--"+s.Flag+"`") {
			t.Errorf("README.md row for %s does not name %s and --%s: %s", s.Key, s.Env, s.Flag, line)
		}
	}
}

func TestFlagsHaveNoSecrets(t *testing.T) {
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	AddFlags(fs, false)
	AddFlags(fs, true)
	fs.VisitAll(func(f *pflag.Flag) {
		if strings.Contains(f.Name, "password") {
			t.Errorf("flag --%s would put a secret on the command line", f.Name)
		}
	})
}

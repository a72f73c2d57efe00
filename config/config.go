package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the time zone works on a machine without a zone database

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/careerkpi/careerkpi/metrics"
	"github.com/careerkpi/careerkpi/queries"
)

// Config is careerkpi's configuration. It is filled, later sources winning,
// from Defaults, an optional YAML file, the environment and command-line
// flags, and then validated.
type Config struct {
	// DataDir is the embedded engine's data folder.
	DataDir string `yaml:"data_dir"`
	// ChDBLibrary is the path of libchdb.so; empty means the places
	// `make engine` installs it.
	ChDBLibrary string `yaml:"chdb_library"`
	// Database is the ClickHouse database careerkpi works in.
	Database string `yaml:"database"`
	// Connections is the most connections to ClickHouse at once.
	Connections int `yaml:"connections"`
	// ClickHouse selects a ClickHouse server instead of the embedded engine.
	ClickHouse ClickHouse `yaml:"clickhouse"`
	// Addr is the address `careerkpi serve` listens on.
	Addr string `yaml:"addr"`
	// UploadLimitMB is the largest upload `careerkpi serve` accepts, in MiB.
	UploadLimitMB int `yaml:"upload_limit_mb"`
	// SecureCookies marks the session cookie Secure, for pages served over
	// HTTPS.
	SecureCookies bool `yaml:"secure_cookies"`
	// EChartsFile is the path of echarts.min.js, which the chart pages
	// load from careerkpi itself; empty means where `make engine` puts it.
	EChartsFile string `yaml:"echarts_file"`
	// Log configures logging.
	Log Log `yaml:"log"`
	// FiscalYearStart is the month (1-12) fiscal years start in.
	FiscalYearStart int `yaml:"fiscal_year_start"`
	// TimeZone is the company's time zone; periods are dates in it.
	TimeZone string `yaml:"time_zone"`
	// AnonymityThreshold is the fewest respondents a survey figure may
	// stand on; never below 3.
	AnonymityThreshold int `yaml:"anonymity_threshold"`
	// TurnoverFormula divides the attrition rates: average_headcount
	// (SPEC's), start_headcount, start_plus_hires or leavers_plus_end.
	TurnoverFormula string `yaml:"turnover_formula"`
	// NewGraduateBenchmark is a CSV file of the national new-graduate
	// attrition (the layout of metrics/benchmarks/mhlw_new_graduates.csv)
	// to use instead of the one careerkpi comes with.
	NewGraduateBenchmark string `yaml:"new_graduate_benchmark"`
	// Targets are the metrics' targets: metric id → fiscal year → value.
	Targets map[string]map[int]float64 `yaml:"targets"`
}

// ClickHouse configures the connection to a ClickHouse server.
type ClickHouse struct {
	// DSN is the server's address, clickhouse://user:password@host:9000/db;
	// empty means the embedded engine.
	DSN string `yaml:"dsn"`
	// Password replaces the DSN's password, so it need not appear in one.
	Password string `yaml:"password"`
	// CAFile is a PEM file of certificate authorities for TLS.
	CAFile string `yaml:"ca_file"`
	// Cluster names a cluster of the servers' remote_servers: careerkpi
	// then lays its tables out on it (local tables on every node and
	// Distributed tables over them; README "Deployment on a cluster").
	Cluster string `yaml:"cluster"`
}

// Log configures logging.
type Log struct {
	Level  string `yaml:"level"`
	Format string `yaml:"format"`
}

// Defaults returns the configuration before any file, environment or flag.
func Defaults() Config {
	return Config{
		DataDir:       "data",
		Database:      "careerkpi",
		Connections:   4,
		Addr:          "127.0.0.1:8080",
		UploadLimitMB: 256,
		Log:           Log{Level: "info", Format: "text"},

		FiscalYearStart:    4,
		TimeZone:           "Asia/Tokyo",
		AnonymityThreshold: 5,
		TurnoverFormula:    string(metrics.TurnoverAverage),
	}
}

// Embedded reports whether the configuration selects the embedded engine.
func (c *Config) Embedded() bool { return c.ClickHouse.DSN == "" }

// Setting is one configuration value and the names it goes by.
type Setting struct {
	// Key is the setting's path in the YAML file.
	Key string
	// Env is its environment variable.
	Env string
	// Flag is its command-line flag, without dashes; empty for secrets,
	// which do not belong on a command line.
	Flag string
	// ServeOnly marks settings that only `careerkpi serve` takes as a flag.
	ServeOnly bool
	// Usage says what it does.
	Usage string

	field func(*Config) any // a *string or *int in the Config
}

// Settings lists every setting; the flags, the environment variables and
// the README's configuration table all follow it.
var Settings = []Setting{
	{Key: "data_dir", Env: "CAREERKPI_DATA_DIR", Flag: "data-dir", Usage: "data folder of the embedded engine", field: func(c *Config) any { return &c.DataDir }},
	{Key: "chdb_library", Env: "CAREERKPI_CHDB_LIBRARY", Flag: "chdb-library", Usage: "path of libchdb.so (default: where make engine puts it)", field: func(c *Config) any { return &c.ChDBLibrary }},
	{Key: "database", Env: "CAREERKPI_DATABASE", Flag: "database", Usage: "ClickHouse database to work in", field: func(c *Config) any { return &c.Database }},
	{Key: "connections", Env: "CAREERKPI_CONNECTIONS", Flag: "connections", Usage: "most connections to ClickHouse at once", field: func(c *Config) any { return &c.Connections }},
	{Key: "clickhouse.dsn", Env: "CAREERKPI_CLICKHOUSE_DSN", Flag: "clickhouse", Usage: "use a ClickHouse server: clickhouse://user@host:9000/db (default: the embedded engine)", field: func(c *Config) any { return &c.ClickHouse.DSN }},
	{Key: "clickhouse.password", Env: "CAREERKPI_CLICKHOUSE_PASSWORD", Usage: "password for the ClickHouse server, replacing the DSN's", field: func(c *Config) any { return &c.ClickHouse.Password }},
	{Key: "clickhouse.cluster", Env: "CAREERKPI_CLICKHOUSE_CLUSTER", Flag: "clickhouse-cluster", Usage: "lay the tables out on this cluster of the servers' remote_servers", field: func(c *Config) any { return &c.ClickHouse.Cluster }},
	{Key: "clickhouse.ca_file", Env: "CAREERKPI_CLICKHOUSE_CA_FILE", Flag: "clickhouse-ca-file", Usage: "PEM file of certificate authorities for TLS to the server", field: func(c *Config) any { return &c.ClickHouse.CAFile }},
	{Key: "addr", Env: "CAREERKPI_ADDR", Flag: "addr", ServeOnly: true, Usage: "address to serve on", field: func(c *Config) any { return &c.Addr }},
	{Key: "upload_limit_mb", Env: "CAREERKPI_UPLOAD_LIMIT_MB", Flag: "upload-limit-mb", ServeOnly: true, Usage: "largest upload to serve's load endpoint, in MiB", field: func(c *Config) any { return &c.UploadLimitMB }},
	{Key: "secure_cookies", Env: "CAREERKPI_SECURE_COOKIES", Flag: "secure-cookies", ServeOnly: true, Usage: "send the session cookie over HTTPS only (set it when the pages are served over HTTPS)", field: func(c *Config) any { return &c.SecureCookies }},
	{Key: "echarts_file", Env: "CAREERKPI_ECHARTS_FILE", Flag: "echarts-file", ServeOnly: true, Usage: "path of echarts.min.js 5.6.0 (default: where make engine puts it)", field: func(c *Config) any { return &c.EChartsFile }},
	{Key: "fiscal_year_start", Env: "CAREERKPI_FISCAL_YEAR_START", Flag: "fiscal-year-start", Usage: "month (1-12) fiscal years start in", field: func(c *Config) any { return &c.FiscalYearStart }},
	{Key: "time_zone", Env: "CAREERKPI_TIME_ZONE", Flag: "time-zone", Usage: "the company's time zone; periods are dates in it", field: func(c *Config) any { return &c.TimeZone }},
	{Key: "anonymity_threshold", Env: "CAREERKPI_ANONYMITY_THRESHOLD", Flag: "anonymity-threshold", Usage: "fewest respondents a survey figure may stand on (at least 3)", field: func(c *Config) any { return &c.AnonymityThreshold }},
	{Key: "turnover_formula", Env: "CAREERKPI_TURNOVER_FORMULA", Flag: "turnover-formula", Usage: "what attrition rates divide by: average_headcount, start_headcount, start_plus_hires or leavers_plus_end", field: func(c *Config) any { return &c.TurnoverFormula }},
	{Key: "new_graduate_benchmark", Env: "CAREERKPI_NEW_GRADUATE_BENCHMARK", Flag: "new-graduate-benchmark", Usage: "CSV file of the national new-graduate attrition to compare cohorts with (default: the MHLW figures careerkpi comes with)", field: func(c *Config) any { return &c.NewGraduateBenchmark }},
	{Key: "log.level", Env: "CAREERKPI_LOG_LEVEL", Flag: "log-level", Usage: "debug, info, warn or error", field: func(c *Config) any { return &c.Log.Level }},
	{Key: "log.format", Env: "CAREERKPI_LOG_FORMAT", Flag: "log-format", Usage: "text or json", field: func(c *Config) any { return &c.Log.Format }},
}

// FileEnv is the environment variable that names a configuration file, as
// the --config flag does.
const FileEnv = "CAREERKPI_CONFIG"

// AddFlags adds the flags of the settings to fs: the global ones, or with
// serve also those only `careerkpi serve` takes. Defaults show in the help.
func AddFlags(fs *pflag.FlagSet, serve bool) {
	d := Defaults()
	for _, s := range Settings {
		if s.Flag == "" || s.ServeOnly != serve {
			continue
		}
		switch p := s.field(&d).(type) {
		case *string:
			fs.String(s.Flag, *p, s.Usage+" ($"+s.Env+")")
		case *int:
			fs.Int(s.Flag, *p, s.Usage+" ($"+s.Env+")")
		case *bool:
			fs.Bool(s.Flag, *p, s.Usage+" ($"+s.Env+")")
		}
	}
}

// Load builds the configuration: defaults, then the YAML file at path (if
// path is not empty), then the environment as lookup reads it, then the flags
// of fs that were set. It validates the result.
func Load(path string, lookup func(string) (string, bool), fs *pflag.FlagSet) (*Config, error) {
	c := Defaults()
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		err = decodeYAML(f, &c)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("config: %s: %w", path, err)
		}
	}
	for _, s := range Settings {
		if v, ok := lookup(s.Env); ok {
			if err := set(s.field(&c), v); err != nil {
				return nil, fmt.Errorf("config: %s: %w", s.Env, err)
			}
		}
	}
	if fs != nil {
		for _, s := range Settings {
			if s.Flag == "" {
				continue
			}
			if f := fs.Lookup(s.Flag); f != nil && f.Changed {
				if err := set(s.field(&c), f.Value.String()); err != nil {
					return nil, fmt.Errorf("config: --%s: %w", s.Flag, err)
				}
			}
		}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// decodeYAML decodes a configuration file strictly: an unknown key is an
// error, with its line and the known keys beside it.
func decodeYAML(r io.Reader, c *Config) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // only comments
		}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return fmt.Errorf("%s (known keys: %s)", strings.Join(te.Errors, "; "), knownKeys())
		}
		return err
	}
	return nil
}

func knownKeys() string {
	keys := make([]string, len(Settings))
	for i, s := range Settings {
		keys[i] = s.Key
	}
	return strings.Join(keys, ", ")
}

func set(p any, v string) error {
	switch p := p.(type) {
	case *string:
		*p = v
	case *int:
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not a whole number", v)
		}
		*p = n
	case *bool:
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		*p = b
	}
	return nil
}

// Validate checks the configuration and says what is wrong and how to fix it.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("config: %s: %s", key, fmt.Sprintf(format, args...)))
	}
	if c.DataDir == "" && c.Embedded() {
		bad("data_dir", "is empty; the embedded engine needs a data folder")
	}
	if _, err := queries.QuoteIdentifier(c.Database); err != nil {
		bad("database", "%q is not a database name (ASCII letters, digits and _)", c.Database)
	}
	if c.Connections < 1 || c.Connections > 64 {
		bad("connections", "%d is not between 1 and 64", c.Connections)
	}
	if dsn := c.ClickHouse.DSN; dsn != "" && !strings.HasPrefix(dsn, "clickhouse://") {
		bad("clickhouse.dsn", "must start with clickhouse:// (the native protocol)")
	}
	if cl := c.ClickHouse.Cluster; cl != "" {
		if c.Embedded() {
			bad("clickhouse.cluster", "needs clickhouse.dsn: the embedded engine is one node")
		} else if _, err := queries.QuoteIdentifier(cl); err != nil {
			bad("clickhouse.cluster", "%q is not a cluster name (ASCII letters, digits and _)", cl)
		}
	}
	if f := c.ClickHouse.CAFile; f != "" {
		if _, err := os.Stat(f); err != nil {
			bad("clickhouse.ca_file", "%v", err)
		}
	}
	if c.UploadLimitMB < 1 || c.UploadLimitMB > 16384 {
		bad("upload_limit_mb", "%d is not between 1 and 16384", c.UploadLimitMB)
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		bad("addr", "%q is not host:port", c.Addr)
	}
	if c.FiscalYearStart < 1 || c.FiscalYearStart > 12 {
		bad("fiscal_year_start", "%d is not a month (1-12)", c.FiscalYearStart)
	}
	if c.TimeZone == "" {
		bad("time_zone", "is empty; name a zone such as Asia/Tokyo")
	} else if _, err := time.LoadLocation(c.TimeZone); err != nil {
		bad("time_zone", "%q is not a time zone (such as Asia/Tokyo)", c.TimeZone)
	}
	if c.AnonymityThreshold < 3 {
		bad("anonymity_threshold", "%d is below 3, the fewest respondents careerkpi ever shows a survey figure for", c.AnonymityThreshold)
	}
	if _, err := metrics.ParseTurnoverFormula(c.TurnoverFormula); err != nil || c.TurnoverFormula == "" {
		bad("turnover_formula", "%q is not average_headcount, start_headcount, start_plus_hires or leavers_plus_end", c.TurnoverFormula)
	}
	for metric, years := range c.Targets {
		for fy := range years {
			if fy < 1900 || fy > 2999 {
				bad("targets."+metric, "%d is not a fiscal year", fy)
			}
		}
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "%q is not debug, info, warn or error", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		bad("log.format", "%q is not text or json", c.Log.Format)
	}
	return errors.Join(errs...)
}

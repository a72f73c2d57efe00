package querytest

import "testing"

func TestWithDatabase(t *testing.T) {
	for dsn, want := range map[string]string{
		"clickhouse://default@127.0.0.1:9000/default?dial_timeout=5s": "clickhouse://default@127.0.0.1:9000/t_x?dial_timeout=5s",
		"clickhouse://u:p@h:9440?secure=true":                         "clickhouse://u:p@h:9440/t_x?secure=true",
		"clickhouse://h:9000/":                                        "clickhouse://h:9000/t_x",
		"clickhouse://h:9000":                                         "clickhouse://h:9000/t_x",
	} {
		if got := WithDatabase(dsn, "t_x"); got != want {
			t.Errorf("WithDatabase(%q) = %q, want %q", dsn, got, want)
		}
	}
}

package dashboard_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/dashboard"
	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
)

func TestMain(m *testing.M) { querytest.Main(m) }

func TestHandlers(t *testing.T) {
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(t.Context(), s); err != nil {
		t.Fatal(err)
	}
	app := dashboard.New(dashboard.Options{Store: s})
	n := len(queries.Schema())
	tests := []struct {
		name     string
		path     string
		language string
		status   int
		typ      string
		want     []string
		notWant  []string
	}{
		{name: "health page in English", path: "/", language: "en-US,en;q=0.9", status: 200, typ: "text/html",
			want: []string{`<html lang="en">`, "careerkpi status", "embedded ClickHouse (chDB)", "26.5.1.1", fmt.Sprintf("%d of %d migrations applied", n, n), `href="?lang=ja"`}},
		{name: "health page in Japanese", path: "/", language: "ja,en;q=0.5", status: 200, typ: "text/html",
			want: []string{`<html lang="ja">`, "careerkpi 稼働状況", "組み込み ClickHouse (chDB)", fmt.Sprintf("マイグレーション %d / %d 件適用済み", n, n), `href="?lang=en"`}},
		{name: "language switch", path: "/?lang=ja", language: "en", status: 200, typ: "text/html", want: []string{"稼働中"}},
		{name: "unknown language", path: "/", language: "fr-FR", status: 200, typ: "text/html", want: []string{`<html lang="en">`}},
		{name: "healthz", path: "/healthz", status: 200, typ: "application/json", want: []string{`"status":"ok"`, `"backend":"embedded"`, fmt.Sprintf(`"migrations":%d`, n)}},
		{name: "stylesheet", path: "/static/careerkpi.css", status: 200, typ: "text/css"},
		{name: "not found", path: "/nowhere", status: 404, typ: "text/plain", want: []string{"Not found."}},
		{name: "not found in Japanese", path: "/nowhere", language: "ja", status: 404, typ: "text/plain", want: []string{"ページが見つかりません"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", tt.path, nil)
			if tt.language != "" {
				req.Header.Set("Accept-Language", tt.language)
			}
			resp, err := app.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.typ) {
				t.Fatalf("status %d %s, want %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), tt.status, tt.typ, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "default-src 'self'") || resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("X-Frame-Options") != "DENY" {
				t.Errorf("security headers missing: %v", resp.Header)
			}
		})
	}
}

// TestStoreDown: when the store fails, the health check says so with 503,
// and the page shows no error details.
func TestStoreDown(t *testing.T) {
	s := querytest.Embedded(t)
	app := dashboard.New(dashboard.Options{Store: s})
	s.Close()
	resp, err := app.Test(httptest.NewRequest("GET", "/healthz", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	var h map[string]any
	json.NewDecoder(resp.Body).Decode(&h)
	if resp.StatusCode != 503 || h["status"] != "unavailable" {
		t.Fatalf("healthz with the store closed: %d %v", resp.StatusCode, h)
	}
	resp, err = app.Test(httptest.NewRequest("GET", "/", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 503 || !strings.Contains(string(body), "unavailable") || strings.Contains(string(body), "embedded: store is closed") {
		t.Fatalf("page with the store closed: %d\n%s", resp.StatusCode, body)
	}
}

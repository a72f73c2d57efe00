package dashboard_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
)

// upload builds a multipart request for POST /api/v1/loads.
func upload(t testing.TB, fields map[string]string, files map[string]string) *http.Request {
	return uploadTo(t, "/api/v1/loads", fields, files)
}

// uploadTo builds a multipart request of fields and files for path.
func uploadTo(t testing.TB, path string, fields map[string]string, files map[string]string) *http.Request {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for name, content := range files {
		fw, err := w.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(fw, content)
	}
	w.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return req
}

func TestPostLoad(t *testing.T) {
	app, _ := emptyApp(t)
	c := loggedIn(t, app, "hr")
	c.get("/hr/upload")
	send := func(fields, files map[string]string) (int, ingest.Report, string) {
		t.Helper()
		req := upload(t, fields, files)
		req.Header.Set("X-CSRF-Token", c.csrf)
		r := c.do(req)
		var rep ingest.Report
		json.Unmarshal([]byte(r.body), &rep)
		return r.status, rep, r.body
	}
	good := "社員番号,所属,入社日\nE1,営業部,2020/4/1\nE2,人事部,2021/4/1\n"
	bad := "社員番号,所属,入社日\nE1,営業部,2020/13/1\n"

	status, rep, body := send(map[string]string{"dataset": "employees", "dry_run": "true"}, map[string]string{"社員.csv": good})
	if status != 200 || rep.Outcome != ingest.Checked || rep.Rows != 2 {
		t.Fatalf("dry run: %d %s", status, body)
	}
	status, rep, body = send(map[string]string{"dataset": "employees"}, map[string]string{"社員.csv": bad})
	if status != 422 || rep.Outcome != ingest.Invalid || len(rep.Errors) != 1 || rep.Errors[0].File != "社員.csv" || rep.Errors[0].Line != 2 || rep.Errors[0].Column != "入社日" {
		t.Fatalf("invalid file: %d %s", status, body)
	}
	status, rep, body = send(map[string]string{"dataset": "employees"}, map[string]string{"社員.csv": good})
	if status != 200 || rep.Outcome != ingest.Loaded || rep.Batch == "" {
		t.Fatalf("load: %d %s", status, body)
	}
	status, rep, _ = send(map[string]string{"dataset": "employees"}, map[string]string{"again.csv": good})
	if status != 200 || rep.Outcome != ingest.Duplicate {
		t.Fatalf("again: %d %s", status, rep.Outcome)
	}
	for _, c := range []struct {
		fields map[string]string
		files  map[string]string
		detail string
	}{
		{map[string]string{"dataset": "salaries"}, map[string]string{"a.csv": good}, `no dataset "salaries"`},
		{map[string]string{"dataset": "employees"}, nil, "no file"},
		{map[string]string{"dataset": "employees", "dry_run": "perhaps"}, map[string]string{"a.csv": good}, "dry_run must be true or false"},
	} {
		status, _, body := send(c.fields, c.files)
		var p struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
		}
		json.Unmarshal([]byte(body), &p)
		if status != 400 || p.Status != 400 || !strings.Contains(p.Detail, c.detail) {
			t.Errorf("%v: %d %s, want 400 with %q", c.fields, status, body, c.detail)
		}
	}
}

// TestPostLoadAccess: loading needs an HR session and its CSRF token.
func TestPostLoadAccess(t *testing.T) {
	app, _ := emptyApp(t)
	good := map[string]string{"社員.csv": "社員番号,所属,入社日\nE1,営業部,2020/4/1\n"}
	anonymous := newClient(t, app)
	if r := anonymous.do(upload(t, map[string]string{"dataset": "employees"}, good)); r.status != 401 || !strings.Contains(r.body, `"status":401`) {
		t.Errorf("not logged in: %d %s", r.status, r.body)
	}
	exec := loggedIn(t, app, "exec")
	req := upload(t, map[string]string{"dataset": "employees"}, good)
	req.Header.Set("X-CSRF-Token", exec.csrf)
	if r := exec.do(req); r.status != 403 {
		t.Errorf("executive: %d %s", r.status, r.body)
	}
	hr := loggedIn(t, app, "hr")
	if r := hr.do(upload(t, map[string]string{"dataset": "employees"}, good)); r.status != 403 {
		t.Errorf("HR without the CSRF token: %d %s", r.status, r.body)
	}
}

package dashboard

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestCatalog: every message the templates and the Go code use has its
// Japanese, so no page falls back to English for a string.
func TestCatalog(t *testing.T) {
	used := map[string]string{} // message → where
	// The templates name messages as {{.T "…"}}, {{$.T "…"}} or {{.Page.T "…"}}.
	call := regexp.MustCompile(`\bT "((?:[^"\\]|\\.)*)"`)
	files, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(templateFiles, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			msg, err := strconv.Unquote(`"` + m[1] + `"`)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			used[msg] = f
		}
	}
	// The Go code names them by the msg constants of messages.go.
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, decl := range af.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "msg") {
					continue
				}
				msg, err := strconv.Unquote(vs.Values[i].(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				used[msg] = name.Name
			}
		}
	}
	if len(used) < 100 {
		t.Fatalf("found only %d messages: the patterns above no longer match", len(used))
	}
	for msg, where := range used {
		ja, ok := messages[msg]
		switch {
		case !ok:
			t.Errorf("%s: %q has no Japanese", where, msg)
		case ja == "" || ja == msg && msg != "%%" && msg != "JPY":
			t.Errorf("%s: the Japanese of %q is %q", where, msg, ja)
		case verbs(ja) != verbs(msg):
			t.Errorf("%s: %q and its Japanese %q take different arguments", where, msg, ja)
		}
	}
	for msg := range messages {
		if _, ok := used[msg]; !ok {
			t.Errorf("the catalog holds %q, which nothing uses", msg)
		}
	}
}

// verbs counts the formatting verbs of a message (%% is none).
func verbs(s string) int {
	return strings.Count(strings.ReplaceAll(s, "%%", ""), "%")
}

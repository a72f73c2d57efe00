package users_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/users"
)

func TestMain(m *testing.M) { querytest.Main(m) }

func newStore(t *testing.T) queries.Store {
	t.Helper()
	s := querytest.Embedded(t)
	if _, err := queries.MigrateSchema(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	users.Cost = 4 // the lowest bcrypt allows: these tests check behaviour, not strength
	const pw = "correct horse battery"
	u, err := users.Add(ctx, s, users.New{Name: "sato", DisplayName: "佐藤 花子", Role: users.DepartmentHead, Scope: "営業本部", Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	if u.PasswordHash == pw || u.PasswordHash == "" {
		t.Fatalf("password stored as %q, want a bcrypt hash", u.PasswordHash)
	}
	got, err := users.Authenticate(ctx, s, "sato", pw)
	if err != nil || got.Role != users.DepartmentHead || got.Scope != "営業本部" || got.DisplayName != "佐藤 花子" {
		t.Fatalf("Authenticate = %+v, %v", got, err)
	}
	for _, tc := range []struct{ name, password string }{{"sato", "wrong password!"}, {"nobody", pw}, {"", pw}} {
		if _, err := users.Authenticate(ctx, s, tc.name, tc.password); !errors.Is(err, users.ErrCredentials) {
			t.Errorf("Authenticate(%q, %q) = %v, want ErrCredentials", tc.name, tc.password, err)
		}
	}
	if _, err := users.Add(ctx, s, users.New{Name: "sato", Role: users.Executive, Password: pw}); !errors.Is(err, users.ErrExists) {
		t.Errorf("adding sato twice: %v, want ErrExists", err)
	}
	if err := users.SetPassword(ctx, s, "sato", "a new passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := users.Authenticate(ctx, s, "sato", pw); !errors.Is(err, users.ErrCredentials) {
		t.Errorf("the old password still works after SetPassword: %v", err)
	}
	after, err := users.Authenticate(ctx, s, "sato", "a new passphrase")
	if err != nil || after.Revision <= got.Revision {
		t.Fatalf("after SetPassword: %+v, %v (revision was %d)", after, err, got.Revision)
	}
	if _, err := users.Add(ctx, s, users.New{Name: "ito", Role: users.Executive, Password: pw}); err != nil {
		t.Fatal(err)
	}
	list, err := users.List(ctx, s)
	if err != nil || len(list) != 2 || list[0].Name != "ito" || list[1].Name != "sato" {
		t.Fatalf("List = %+v, %v", list, err)
	}
	if err := users.Remove(ctx, s, "sato"); err != nil {
		t.Fatal(err)
	}
	if _, err := users.Authenticate(ctx, s, "sato", "a new passphrase"); !errors.Is(err, users.ErrCredentials) {
		t.Errorf("a removed user logs in: %v", err)
	}
	if err := users.Remove(ctx, s, "sato"); !errors.Is(err, users.ErrNotFound) {
		t.Errorf("removing twice: %v, want ErrNotFound", err)
	}
	if list, _ := users.List(ctx, s); len(list) != 1 {
		t.Errorf("List after Remove = %+v", list)
	}
	// The name can be taken again, with a higher revision than its removal.
	again, err := users.Add(ctx, s, users.New{Name: "sato", Role: users.HR, Password: pw})
	if err != nil || again.Revision <= after.Revision+1 || again.Role != users.HR {
		t.Fatalf("adding a removed name again: %+v, %v", again, err)
	}
}

func TestInvalid(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	users.Cost = 4
	for name, n := range map[string]users.New{
		"short password":         {Name: "a", Role: users.Admin, Password: "short"},
		"name with a space":      {Name: "a b", Role: users.Admin, Password: "long enough pw"},
		"empty name":             {Name: "", Role: users.Admin, Password: "long enough pw"},
		"unknown role":           {Name: "a", Role: "boss", Password: "long enough pw"},
		"head without scope":     {Name: "a", Role: users.DepartmentHead, Password: "long enough pw"},
		"executive with scope":   {Name: "a", Role: users.Executive, Scope: "営業部", Password: "long enough pw"},
		"password over 72 bytes": {Name: "a", Role: users.Admin, Password: string(make([]byte, 73))},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := users.Add(ctx, s, n); !errors.Is(err, users.ErrInvalid) {
				t.Errorf("Add = %v, want ErrInvalid", err)
			}
		})
	}
	if list, _ := users.List(ctx, s); len(list) != 0 {
		t.Errorf("invalid users were written: %+v", list)
	}
}

func TestTokens(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	users.Cost = 4
	if _, err := users.Add(ctx, s, users.New{Name: "ana", Role: users.Analyst, Password: "long enough password"}); err != nil {
		t.Fatal(err)
	}
	tok, err := users.NewToken(ctx, s, "ana", "notebook")
	if err != nil || !strings.HasPrefix(tok, users.TokenPrefix) || len(tok) < 50 {
		t.Fatalf("NewToken = %q, %v", tok, err)
	}
	if u, err := users.ByToken(ctx, s, tok); err != nil || u.Name != "ana" {
		t.Fatalf("ByToken = %+v, %v", u, err)
	}
	for _, bad := range []string{"", "ckpi_nope", tok + "x", strings.TrimPrefix(tok, users.TokenPrefix)} {
		if _, err := users.ByToken(ctx, s, bad); !errors.Is(err, users.ErrCredentials) {
			t.Errorf("ByToken(%q) = %v, want ErrCredentials", bad, err)
		}
	}
	if ts, _ := users.Tokens(ctx, s, "ana"); len(ts) != 1 || ts[0].Label != "notebook" || strings.Contains(ts[0].Hash, tok) {
		t.Errorf("Tokens = %+v", ts)
	}
	if n, err := users.RevokeTokens(ctx, s, "ana"); err != nil || n != 1 {
		t.Fatalf("RevokeTokens = %d, %v", n, err)
	}
	if _, err := users.ByToken(ctx, s, tok); !errors.Is(err, users.ErrCredentials) {
		t.Errorf("a revoked token works: %v", err)
	}
	tok2, _ := users.NewToken(ctx, s, "ana", "")
	if err := users.Remove(ctx, s, "ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := users.ByToken(ctx, s, tok2); !errors.Is(err, users.ErrCredentials) {
		t.Errorf("the token of a removed user works: %v", err)
	}
	if _, err := users.NewToken(ctx, s, "nobody", ""); !errors.Is(err, users.ErrNotFound) {
		t.Errorf("a token for no one: %v", err)
	}
}

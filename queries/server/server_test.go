package server_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/queries"
	"github.com/careerkpi/careerkpi/queries/querytest"
	"github.com/careerkpi/careerkpi/queries/server"
)

func TestMain(m *testing.M) { querytest.Main(m) }

func ping(t *testing.T, s queries.Store) {
	t.Helper()
	if v, err := queries.Get[uint8](context.Background(), s, "SELECT 1", nil); err != nil || v != 1 {
		t.Fatalf("SELECT 1 = %d, %v", v, err)
	}
}

func TestUserPasswordAndTLS(t *testing.T) {
	srv := querytest.StartedServer(t)
	userinfo := url.UserPassword("careerkpi", srv.Password).String()
	t.Run("password in the DSN", func(t *testing.T) {
		ping(t, querytest.OnServer(t, fmt.Sprintf("clickhouse://%s@127.0.0.1:%d/x", userinfo, srv.TCPPort), server.Options{}))
	})
	t.Run("password given apart", func(t *testing.T) {
		ping(t, querytest.OnServer(t, fmt.Sprintf("clickhouse://careerkpi@127.0.0.1:%d/x", srv.TCPPort), server.Options{Password: srv.Password}))
	})
	t.Run("wrong password", func(t *testing.T) {
		_, err := server.Open(context.Background(), server.Options{DSN: fmt.Sprintf("clickhouse://careerkpi:wrong@127.0.0.1:%d/x", srv.TCPPort)})
		if err == nil || !strings.Contains(err.Error(), "refused the connection") || strings.Contains(err.Error(), "wrong@") {
			t.Fatalf("wrong password: %v", err)
		}
	})
	t.Run("TLS with the server's CA", func(t *testing.T) {
		s := querytest.OnServer(t, fmt.Sprintf("clickhouse://careerkpi@127.0.0.1:%d/x?secure=true", srv.TLSPort), server.Options{Password: srv.Password, CAFile: srv.CAFile})
		ping(t, s)
	})
	t.Run("TLS with an unknown CA", func(t *testing.T) {
		_, err := server.Open(context.Background(), server.Options{DSN: fmt.Sprintf("clickhouse://careerkpi@127.0.0.1:%d/x?secure=true", srv.TLSPort), Password: srv.Password})
		if err == nil || !errors.Is(err, queries.ErrUnavailable) || !strings.Contains(err.Error(), "certificate") {
			t.Fatalf("TLS without trusting the CA: %v", err)
		}
	})
}

func TestServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	_, err = server.Open(context.Background(), server.Options{DSN: "clickhouse://default@" + addr + "/x"})
	if !errors.Is(err, queries.ErrUnavailable) || !strings.Contains(err.Error(), "cannot reach ClickHouse at "+addr) || !strings.Contains(err.Error(), "CAREERKPI_CLICKHOUSE_DSN") {
		t.Fatalf("server down: %v", err)
	}
}

func TestBadDSN(t *testing.T) {
	for dsn, want := range map[string]string{
		"":                                   "no ClickHouse DSN",
		"http://localhost:8123/":             "must start with clickhouse://",
		"clickhouse://u:secret@h:9000/a-b-c": "not a valid identifier",
		"clickhouse://h:9000/x?dial_timeout=forever": "dial_timeout",
	} {
		_, err := server.Open(context.Background(), server.Options{DSN: dsn})
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("DSN %q: err = %v, want %q and no password", dsn, err, want)
		}
	}
}

// TestReconnect: after the server restarts under an open store, the store
// works again without being reopened.
func TestReconnect(t *testing.T) {
	srv := querytest.StartedServer(t)
	s := querytest.OnServer(t, srv.DSN(), server.Options{})
	ping(t, s)
	if err := s.Exec(context.Background(), "CREATE TABLE kept (x UInt8) ENGINE = MergeTree ORDER BY x", nil); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := srv.Restart(context.Background()); err != nil {
			t.Fatal(err)
		}
		ping(t, s)
		if err := s.Exec(context.Background(), "INSERT INTO kept SELECT 1", nil); err != nil {
			t.Fatalf("Exec after restart %d: %v", i+1, err)
		}
	}
	if n, err := queries.Get[uint64](context.Background(), s, "SELECT count() FROM kept", nil); err != nil || n != 2 {
		t.Fatalf("rows = %d, %v", n, err)
	}
}

func TestInfo(t *testing.T) {
	s := querytest.ServerStore(t)
	info := s.Info()
	if info.Backend != "server" || info.Version == "" || info.Exclusive || !strings.HasPrefix(info.Database, "t_TestInfo") {
		t.Fatalf("Info = %+v", info)
	}
}

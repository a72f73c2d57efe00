package querytest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Server is a clickhouse-server process started for tests, listening on
// loopback only, with its own configuration and data folder. Its time zone
// is Asia/Tokyo, not UTC, so that a time that takes the server's zone where
// it should not shows up in the tests.
type Server struct {
	Dir      string // configuration, data and logs
	TCPPort  int    // native protocol
	TLSPort  int    // native protocol over TLS
	HTTPPort int
	CAFile   string // the certificate the TLS port presents (self-signed)
	// Password is the password of the user "careerkpi".
	Password string
	// extra is more configuration, such as the remote_servers of a cluster.
	extra string

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
}

// ServerBinary returns the clickhouse-server executable, or an error that
// says how to install it.
func ServerBinary() (string, error) {
	for _, name := range []string{"clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("clickhouse-server is not installed: run `sudo apt-get install -y clickhouse-server` (or bash .ci/run), or point " + DSNVariable + " at a running server")
}

// StartServer starts clickhouse-server on free loopback ports and waits until
// it answers.
func StartServer() (*Server, error) {
	bin, err := ServerBinary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "careerkpi-test-server-")
	if err != nil {
		return nil, err
	}
	ports, err := freePorts(3)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s := &Server{Dir: dir, TCPPort: ports[0], TLSPort: ports[1], HTTPPort: ports[2], Password: "s3cr3t pass", CAFile: filepath.Join(dir, "server.crt")}
	if err := s.writeConfig(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.start(bin); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// StartCluster starts one clickhouse-server per shard, as StartServer does,
// each with every server in its remote_servers as one shard of the cluster
// name, without Keeper: the layout careerkpi uses when a cluster has none.
func StartCluster(name string, shards int) ([]*Server, error) {
	bin, err := ServerBinary()
	if err != nil {
		return nil, err
	}
	ports, err := freePorts(3 * shards)
	if err != nil {
		return nil, err
	}
	var remote strings.Builder
	remote.WriteString("  <remote_servers>\n    <" + name + ">\n")
	for i := 0; i < shards; i++ {
		fmt.Fprintf(&remote, "      <shard><replica><host>127.0.0.1</host><port>%d</port></replica></shard>\n", ports[3*i])
	}
	remote.WriteString("    </" + name + ">\n  </remote_servers>\n")
	var servers []*Server
	stop := func() {
		for _, s := range servers {
			s.Stop()
		}
	}
	for i := 0; i < shards; i++ {
		dir, err := os.MkdirTemp("", fmt.Sprintf("careerkpi-test-shard%d-", i+1))
		if err != nil {
			stop()
			return nil, err
		}
		s := &Server{Dir: dir, TCPPort: ports[3*i], TLSPort: ports[3*i+1], HTTPPort: ports[3*i+2], Password: "s3cr3t pass",
			CAFile: filepath.Join(dir, "server.crt"), extra: remote.String()}
		servers = append(servers, s)
		if err := s.writeConfig(); err != nil {
			stop()
			return nil, err
		}
		if err := s.start(bin); err != nil {
			stop()
			return nil, err
		}
	}
	return servers, nil
}

func (s *Server) start(bin string) error {
	s.cmd = exec.Command(bin, "--config-file="+filepath.Join(s.Dir, "config.xml"))
	s.cmd.Dir = s.Dir
	out, err := os.Create(filepath.Join(s.Dir, "stdout.log"))
	if err != nil {
		return err
	}
	s.cmd.Stdout, s.cmd.Stderr = out, out
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", bin, err)
	}
	done := make(chan struct{})
	var waitErr error
	go func() { waitErr = s.cmd.Wait(); close(done) }()
	s.done = done
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			return fmt.Errorf("clickhouse-server exited during start (%v):\n%s", waitErr, s.logTail())
		default:
		}
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/ping", s.HTTPPort))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.kill()
	return fmt.Errorf("clickhouse-server did not answer within 60s:\n%s", s.logTail())
}

// Stop stops the server and removes its folder.
func (s *Server) Stop() {
	s.kill()
	os.RemoveAll(s.Dir)
}

func (s *Server) kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
	}
}

// Restart kills the server and starts it again on the same ports and data,
// so that every open connection to it breaks.
func (s *Server) Restart(ctx context.Context) error {
	s.kill()
	bin, err := ServerBinary()
	if err != nil {
		return err
	}
	return s.start(bin)
}

// DSN is the address of the server for the default user.
func (s *Server) DSN() string {
	return fmt.Sprintf("clickhouse://default@127.0.0.1:%d/default?dial_timeout=5s", s.TCPPort)
}

func (s *Server) logTail() string {
	var b strings.Builder
	for _, name := range []string{"stdout.log", "server.err.log"} {
		data, _ := os.ReadFile(filepath.Join(s.Dir, name))
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		if len(lines) > 20 {
			lines = lines[len(lines)-20:]
		}
		b.WriteString(strings.Join(lines, "\n"))
		b.WriteString("\n")
	}
	return b.String()
}

func freePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func (s *Server) writeConfig() error {
	if err := writeCertificate(s.CAFile, filepath.Join(s.Dir, "server.key")); err != nil {
		return err
	}
	data := filepath.Join(s.Dir, "data") + "/"
	config := `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>` + filepath.Join(s.Dir, "server.log") + `</log>
    <errorlog>` + filepath.Join(s.Dir, "server.err.log") + `</errorlog>
    <console>0</console>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>` + strconv.Itoa(s.TCPPort) + `</tcp_port>
  <tcp_port_secure>` + strconv.Itoa(s.TLSPort) + `</tcp_port_secure>
  <http_port>` + strconv.Itoa(s.HTTPPort) + `</http_port>
  <openSSL>
    <server>
      <certificateFile>` + s.CAFile + `</certificateFile>
      <privateKeyFile>` + filepath.Join(s.Dir, "server.key") + `</privateKeyFile>
      <verificationMode>none</verificationMode>
      <loadDefaultCAFile>false</loadDefaultCAFile>
      <disableProtocols>sslv2,sslv3</disableProtocols>
      <preferServerCiphers>true</preferServerCiphers>
    </server>
  </openSSL>
  <path>` + data + `</path>
  <tmp_path>` + data + `tmp/</tmp_path>
  <user_files_path>` + data + `user_files/</user_files_path>
  <format_schema_path>` + data + `format_schemas/</format_schema_path>
  <users_config>` + filepath.Join(s.Dir, "users.xml") + `</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>Asia/Tokyo</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
` + s.extra + `</yandex>
`
	users := `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
    <careerkpi>
      <password>` + s.Password + `</password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </careerkpi>
  </users>
  <quotas><default></default></quotas>
</yandex>
`
	if err := os.WriteFile(filepath.Join(s.Dir, "config.xml"), []byte(config), 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.Dir, "users.xml"), []byte(users), 0o600)
}

// writeCertificate writes a self-signed certificate for 127.0.0.1 and its key.
func writeCertificate(certFile, keyFile string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "careerkpi test server"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		return err
	}
	return os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
}

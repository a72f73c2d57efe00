package embedded

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/careerkpi/careerkpi/queries"
)

// A data folder belongs to one process at a time: chDB locks its status file,
// and a second process's connect fails with a message only on stderr. We take
// our own lock first, holding who we are, so the second process can say
// which process holds the folder.

const lockName = "careerkpi.lock"

// folderLock holds a data folder for this process until release.
type folderLock struct {
	f *os.File
}

// lockFolder creates dir if needed and locks it for this process.
func lockFolder(dir string) (*folderLock, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, unwritable(dir, err)
	}
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, unwritable(dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, inUse(dir, describeHolder(string(holder)))
		}
		return nil, queries.Unavailable("embedded: lock data folder %s: %v", dir, err)
	}
	// Someone else's chDB (not careerkpi) may hold the engine's own lock.
	if err := checkStatusLock(filepath.Join(dir, "clickhouse", "status")); err != nil {
		f.Close()
		return nil, inUse(dir, err.Error())
	}
	info := fmt.Sprintf("pid %d\ncommand %s\nsince %s\n", os.Getpid(), commandLine(os.Getpid()), time.Now().Format(time.RFC3339))
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(info), 0)
		if err != nil {
			f.Close()
			return nil, unwritable(dir, err)
		}
	}
	return &folderLock{f: f}, nil
}

func (l *folderLock) release() {
	if l != nil && l.f != nil {
		l.f.Truncate(0)
		l.f.Close() // closing the descriptor drops the flock
		l.f = nil
	}
}

func unwritable(dir string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return queries.Unavailable("embedded: data folder %s cannot be written (%v); give a writable folder with --data-dir or CAREERKPI_DATA_DIR",
		dir, err)
}

func inUse(dir, holder string) error {
	return queries.Unavailable("embedded: data folder %s is in use by %s; stop that process, or give this one another folder with --data-dir",
		dir, holder)
}

// describeHolder turns the lock file's text into "process 123 (careerkpi serve, since …)".
func describeHolder(text string) string {
	fields := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		k, v, ok := strings.Cut(line, " ")
		if ok {
			fields[k] = v
		}
	}
	if fields["pid"] == "" {
		return "another process"
	}
	d := "process " + fields["pid"]
	var extra []string
	if c := fields["command"]; c != "" {
		extra = append(extra, c)
	}
	if s := fields["since"]; s != "" {
		extra = append(extra, "since "+s)
	}
	if len(extra) > 0 {
		d += " (" + strings.Join(extra, ", ") + ")"
	}
	return d
}

// checkStatusLock reports the holder of chDB's status file lock, if any.
func checkStatusLock(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil // no engine has used this folder yet, or we may create it
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return nil
	}
	b, _ := os.ReadFile(path)
	for _, line := range strings.Split(string(b), "\n") {
		if pid, ok := strings.CutPrefix(line, "PID: "); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(pid)); err == nil {
				return fmt.Errorf("process %d (%s)", n, commandLine(n))
			}
		}
	}
	return errors.New("another process")
}

// commandLine returns the command line of process pid, as far as /proc tells.
func commandLine(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || len(b) == 0 {
		return "unknown command"
	}
	args := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
	args[0] = filepath.Base(args[0])
	return strings.Join(args, " ")
}

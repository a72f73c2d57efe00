package embedded

import (
	"syscall"
	"unsafe"
)

// chDB installs process-wide handlers on connect for SIGILL, SIGTRAP, SIGABRT,
// SIGBUS, SIGFPE, SIGSEGV, SIGTSTP and SIGSYS (and SIGRTMIN, which it uses to
// collect stack traces of its own threads). With its SIGSEGV handler in
// place a Go nil-pointer dereference hangs the process instead of panicking.
// So we save the dispositions of the standard signals before connecting and
// put back any that the connect changed; the real-time signals stay chDB's.

// sigaction is the kernel's struct sigaction on linux/amd64 and linux/arm64.
type sigaction struct {
	handler  uintptr
	flags    uint64
	restorer uintptr
	mask     uint64
}

// standardSignals are the signals 1–31 whose disposition can be changed.
var standardSignals = func() []int {
	var sigs []int
	for s := 1; s <= 31; s++ {
		if s != int(syscall.SIGKILL) && s != int(syscall.SIGSTOP) {
			sigs = append(sigs, s)
		}
	}
	return sigs
}()

// signalState is the disposition of every standard signal.
type signalState map[int]sigaction

func rtSigaction(sig int, act, old *sigaction) syscall.Errno {
	_, _, e := syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig),
		uintptr(unsafe.Pointer(act)), uintptr(unsafe.Pointer(old)), 8, 0, 0)
	return e
}

// saveSignals reads the current disposition of the standard signals.
func saveSignals() signalState {
	st := signalState{}
	for _, s := range standardSignals {
		var old sigaction
		if rtSigaction(s, nil, &old) == 0 {
			st[s] = old
		}
	}
	return st
}

// restore puts back every disposition that differs from st and returns the
// signals it restored.
func (st signalState) restore() []int {
	var restored []int
	for s, want := range st {
		var cur sigaction
		if rtSigaction(s, nil, &cur) != 0 || cur == want {
			continue
		}
		if rtSigaction(s, &want, nil) == 0 {
			restored = append(restored, s)
		}
	}
	return restored
}

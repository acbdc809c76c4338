package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// TestSIGHUPWhileConfigLoads: a SIGHUP that reaches `carebot serve`
// before serve catches it (here while it reads its configuration, which
// the test holds: the file is a named pipe) must not end it. Go's default
// for SIGHUP ended the process at once, with no log: an operator's
// `kill -HUP` to every replica killed the one just starting. Once serving,
// a SIGHUP still reloads the flows.
func TestSIGHUPWhileConfigLoads(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	tg := telegramtest.New(t)
	cfg := filepath.Join(t.TempDir(), "carebot.yaml")
	if err := syscall.Mkfifo(cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	p := launchProc(t, "carebot", bin, webhookEnv(tg.Endpoint(),
		"CAREBOT_CONFIG="+cfg, "CAREBOT_FLOWS_DIR="+bottest.CopyFlows(t))...)
	diedOf := func(when string) {
		t.Helper()
		if ended(p.exited) {
			t.Fatalf("carebot exited on a SIGHUP %s: %v", when, p.err)
		}
	}

	// The pipe opens for writing (without waiting) only once carebot has
	// it open to read: it is reading its configuration.
	var w *os.File
	wait.Until(t, "carebot reading its configuration", func() bool {
		f, err := os.OpenFile(cfg, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			w = f
		}
		return err == nil || ended(p.exited)
	})
	diedOf("before it read its configuration")
	if err := p.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	// Caught or ignored, the signal is no longer pending once the kernel
	// gave it to carebot (or dropped it): only then does the configuration
	// come, so that the old code had died of it by then.
	wait.Until(t, "the SIGHUP delivered", func() bool { return !sigPending(t, p.cmd.Process.Pid, syscall.SIGHUP) || ended(p.exited) })
	_, err := w.WriteString("# written after a SIGHUP\nshutdown_timeout: 10s\n")
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	diedOf("while it read its configuration")
	if err != nil {
		t.Fatalf("write the configuration: %v", err)
	}

	p.addr = waitLine(t, p.name, p.out, "carebot serving on ", p.exited)
	wait.Until(t, "carebot runs Telegram", func() bool { return p.logged("telegram adapter running") || ended(p.exited) })
	diedOf("while it started")
	p.say(t, tg, 7, "hello")
	tg.Wait(t, "the greeting", func(s *telegramtest.Server) bool { return len(s.Sent(7)) > 0 })

	// Serving, a SIGHUP reloads.
	if err := p.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, "the reload the SIGHUP asked for", func() bool {
		return p.logged(`"msg":"flows reload done"`, `"reason":"sighup"`) || ended(p.exited)
	})
	diedOf("while it served")
}

// TestHangupIgnoredEarly: the package that makes SIGHUP harmless to serve
// is initialised before any package outside the standard library (the
// graph renderer's initialisation alone takes tens of milliseconds), and
// serve ignores SIGHUP from there until it catches it.
func TestHangupIgnoredEarly(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "CAREBOT_CONFIG=", "CAREBOT_FLOWS_DIR=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("carebot version: %v\n%s", err, out)
	}
	const hangup = "github.com/carebot/carebot/internal/hangup"
	var before []string
	for l := range strings.Lines(string(out)) {
		f := strings.Fields(l)
		if len(f) < 2 || f[0] != "init" {
			continue
		}
		if f[1] == hangup {
			if len(before) > 0 {
				t.Errorf("initialised before %s: %s", hangup, strings.Join(before, ", "))
			}
			return
		}
		if first, _, _ := strings.Cut(f[1], "/"); strings.Contains(first, ".") {
			before = append(before, f[1])
		}
	}
	t.Errorf("%s not initialised (GODEBUG=inittrace=1 lists no init for it):\n%s", hangup, out)
}

// sigPending reports whether sig waits to be delivered to the process
// pid (the process-wide ShdPnd mask of /proc/PID/status).
func sigPending(t *testing.T, pid int, sig syscall.Signal) bool {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if errors.Is(err, os.ErrNotExist) {
		return false // it exited
	}
	if err != nil {
		t.Fatal(err)
	}
	for l := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(l, "ShdPnd:"); ok {
			mask, err := strconv.ParseUint(strings.TrimSpace(v), 16, 64)
			if err != nil {
				t.Fatalf("ShdPnd %q: %v", v, err)
			}
			return mask&(1<<(sig-1)) != 0
		}
	}
	t.Fatal("no ShdPnd in /proc/PID/status")
	return false
}

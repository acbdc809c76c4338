package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/bottest/wait"
)

func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// runMain runs the CLI in process and returns stdout, stderr and the error.
func runMain(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(t.Context(), args, strings.NewReader(stdin), &out, &errb, envMap(env))
	return out.String(), errb.String(), err
}

func TestChatDoneWhen(t *testing.T) {
	t.Parallel()
	out, _, err := runMain(t, nil, strings.Join([]string{
		"my parcel hasn't arrived and I'm really worried",
		"2",              // a person is offered first; carry on with the bot
		"12345",          // not an order number: kindly refused
		"AB-123456",      // accepted
		"4",              // it never arrived: with no desk, nobody is promised
		"thank you, bye", // goodbye
		"5",              // satisfaction
	}, "\n")+"\n", "chat", "--pace", "0")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Hello",                           // the welcome shows first
		"I can hear this is worrying you", // the worry acknowledged, once
		"What is your order number?",      // asked for
		"two letters, a dash",             // a malformed one kindly refused (in plain words: the person is worried)
		"order AB-123456 never arrived",   // the slot filled in
		"nobody will reply to you here",   // an honest statement of what happens next: nobody can come
		"from 1 (poor) to 5 (great)",      // the satisfaction question
		"Thank you for telling us",        // and its thanks
	} {
		if !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "I can hear this is worrying you"); n != 1 {
		t.Errorf("worry acknowledged %d times, want once", n)
	}
}

func TestChatHumanInFrenchAndCrisis(t *testing.T) {
	t.Parallel()
	// No desk (the default): asking for a person in French gets the honest
	// answer, in French, and no promise.
	out, _, err := runMain(t, nil, "my order is late\nje veux parler à un conseiller\n", "chat", "--pace", "0")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "[a person will take over") || !strings.Contains(out, "personne ne vous répondra ici") {
		t.Errorf("no honest French answer to a request for a person:\n%s", out)
	}

	out, _, err = runMain(t, nil, "my order is late\nI want to kill myself\n", "chat", "--pace", "0", "--user", "other")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Your safety matters") || !strings.Contains(out, "112") || strings.Contains(out, "urgent priority") {
		t.Errorf("want the safety message, and no urgent hand-off without a desk:\n%s", out)
	}
}

func TestChatFrenchByFlag(t *testing.T) {
	t.Parallel()
	out, _, err := runMain(t, nil, "", "chat", "--pace", "0", "--lang", "fr")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Bonjour") {
		t.Errorf("--lang fr: no French welcome:\n%s", out)
	}
}

func TestFlowsValidate(t *testing.T) {
	t.Parallel()
	out, _, err := runMain(t, nil, "", "flows", "validate")
	if err != nil {
		t.Fatalf("built-in flows: %v", err)
	}
	if !strings.Contains(out, "flows OK") {
		t.Errorf("out = %q", out)
	}

	dir := t.TempDir()
	common, err := os.ReadFile("flows/common.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("common.yaml", strings.Replace(string(common), "start_flow: welcome", "start_flow: welcom", 1))
	write("broken.yaml", `id: broken
title: {en: Broken, fr: Cassé}
category: greeting
steps:
  - id: start
    say:
      - en: "Hello {{nobody}}"
    nxt: end
`)
	_, errOut, err := runMain(t, nil, "", "flows", "validate", dir)
	if err == nil {
		t.Fatal("validate of broken flows succeeded")
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(dir) + `/[a-z]+\.yaml:\d+:\d+: .+`)
	var n int
	for _, l := range lines {
		if re.MatchString(l) {
			n++
		}
	}
	if n < 3 { // the bad start flow, the missing fr, the unknown slot, the typo
		t.Errorf("want every problem as FILE:LINE:COL, got:\n%s", errOut)
	}
}

func TestFlowsRouteJSON(t *testing.T) {
	t.Parallel()
	out, _, err := runMain(t, nil, "where is my parcel\ncan I talk to a real person\nwhat's the capital of peru\n", "flows", "route", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var m map[string]any
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		got = append(got, m)
	}
	if len(got) != 3 {
		t.Fatalf("got %d lines, want 3:\n%s", len(got), out)
	}
	for _, k := range []string{"flow", "category", "confidence", "distress", "escalate"} {
		if _, ok := got[0][k]; !ok {
			t.Errorf("line lacks %q: %v", k, got[0])
		}
	}
	if got[0]["category"] != "order_delivery" || got[1]["escalate"] != true || got[2]["category"] != "out_of_scope" {
		t.Errorf("routes = %v", got)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	out, _, err := runMain(t, nil, "", "version")
	if err != nil || !strings.HasPrefix(out, "carebot ") {
		t.Errorf("version = %q, %v", out, err)
	}
}

func TestServeHealthReadyMetrics(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	var errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, strings.NewReader(""), pw, &errb, envMap(map[string]string{"CAREBOT_HTTP_ADDR": "127.0.0.1:0"}))
		pw.Close()
	}()
	addr := serveAddr(t, pr)

	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready", "/metrics": "carebot_turns_total"} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d %.200q, want 200 with %q", path, resp.StatusCode, body, want)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(wait.Timeout):
		t.Fatal("serve did not stop")
	}
}

func TestServeNotReadyWithoutRedis(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	go func() {
		_ = run(ctx, []string{"serve"}, strings.NewReader(""), pw, io.Discard, envMap(map[string]string{
			"CAREBOT_HTTP_ADDR": "127.0.0.1:0",
			"REDIS_URL":         "redis://127.0.0.1:1/0", // nothing listens there
		}))
		pw.Close()
	}()
	addr := serveAddr(t, pr)
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d with Redis down, want 503", resp.StatusCode)
	}
}

func TestServeRefusesBadSettings(t *testing.T) {
	t.Parallel()
	_, _, err := runMain(t, map[string]string{"CAREBOT_HTTP_ADDR": "127.0.0.1:0", "OPENAI_TIMEOUT": "soon"}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "OPENAI_TIMEOUT") {
		t.Errorf("err = %v, want a clear message naming OPENAI_TIMEOUT", err)
	}
	_, errOut, err := runMain(t, map[string]string{"CAREBOT_HTTP_ADDR": "127.0.0.1:0", "CAREBOT_FLOWS_DIR": t.TempDir()}, "", "serve")
	if err == nil {
		t.Errorf("serve started on an empty flows folder; stderr:\n%s", errOut)
	}
}

// serveAddr reads serve's stdout until it says where it listens.
func serveAddr(t *testing.T, r io.Reader) string {
	t.Helper()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	timeout := time.After(startTimeout)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("serve exited before listening")
			}
			if a, ok := strings.CutPrefix(l, "carebot serving on "); ok {
				go func() {
					for range lines { // keep the pipe flowing
					}
				}()
				return a
			}
		case <-timeout:
			t.Fatalf("serve did not listen within %s", startTimeout)
		}
	}
}

// startTimeout bounds how long a test waits for serve, studio or the
// built binary to start listening: loading the flows and training the
// router under -race on a loaded two-core machine takes tens of seconds, and
// waiting longer costs a passing test nothing.
const startTimeout = 2 * wait.Timeout

// binDir holds the carebot binary the tests build (see TestMain).
var binDir string

// TestMain owns the folder of the built binary, so that tests running in
// parallel share one build and the folder goes only after all of them.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "carebot-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildOnce builds the carebot binary the first time a test needs it.
var buildOnce = sync.OnceValues(func() (string, error) {
	bin := filepath.Join(binDir, "carebot")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", &buildError{out: string(out), err: err}
	}
	return bin, nil
})

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// TestBinarySIGTERM builds the real binary, starts serve and stops it with
// SIGTERM: it must exit 0 (serve's own shutdown deadline is 10 s; the test
// does not time it, since a loaded machine is no bug, and waits generously).
func TestBinarySIGTERM(t *testing.T) {
	t.Parallel()
	bin, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "CAREBOT_HTTP_ADDR=127.0.0.1:0", "REDIS_URL=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := serveAddr(t, stdout)
	if resp, err := http.Get("http://" + addr + "/healthz"); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
	}
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err := <-waited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v, want 0", err)
		}
		t.Logf("stopped %s after SIGTERM", time.Since(start))
	case <-time.After(wait.Timeout):
		_ = cmd.Process.Kill()
		t.Fatalf("still running %s after SIGTERM", wait.Timeout)
	}

	// An invalid setting stops the start with a clear message and a non-zero exit.
	bad := exec.Command(bin, "serve")
	bad.Env = append(os.Environ(), "CAREBOT_HTTP_ADDR=127.0.0.1:0", "CAREBOT_LOG_LEVEL=loud")
	out, err := bad.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "log_level") {
		t.Errorf("bad setting: err %v, output %q", err, out)
	}
}

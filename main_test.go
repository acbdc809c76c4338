package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
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

	"github.com/carebot/carebot/bot/bottest"
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
	out := chatOut(t, nil, strings.Join([]string{
		"my parcel hasn't arrived and I'm really worried",
		"2",              // a person is offered first; carry on with the bot
		"12345",          // not an order number: kindly refused
		"AB-123456",      // accepted
		"4",              // it never arrived: with no desk, nobody is promised
		"thank you, bye", // goodbye
		"5",              // satisfaction
	}, "\n")+"\n")
	hasAll(t, out, "chat output lacks %q:\n%s", []string{
		"Hello",                           // the welcome shows first
		"I can hear this is worrying you", // the worry acknowledged, once
		"What is your order number?",      // asked for
		"two letters, a dash",             // a malformed one kindly refused (in plain words: the person is worried)
		"order AB-123456 never arrived",   // the slot filled in
		"nobody will reply to you here",   // an honest statement of what happens next: nobody can come
		"from 1 (poor) to 5 (great)",      // the satisfaction question
		"Thank you for telling us",        // and its thanks
	}...)
	if n := strings.Count(out, "I can hear this is worrying you"); n != 1 {
		t.Errorf("worry acknowledged %d times, want once", n)
	}
}

func TestChatHumanInFrenchAndCrisis(t *testing.T) {
	t.Parallel()
	// No desk (the default): asking for a person in French gets the honest
	// answer, in French, and no promise.
	out := chatOut(t, nil, "my order is late\nje veux parler à un conseiller\n")
	if strings.Contains(out, "[a person will take over") || !strings.Contains(out, "personne ne vous répondra ici") {
		t.Errorf("no honest French answer to a request for a person:\n%s", out)
	}

	out = chatOut(t, nil, "my order is late\nI want to kill myself\n", "--user", "other")
	if !strings.Contains(out, "Your safety matters") || !strings.Contains(out, "112") || strings.Contains(out, "urgent priority") {
		t.Errorf("want the safety message, and no urgent hand-off without a desk:\n%s", out)
	}
}

func TestChatFrenchByFlag(t *testing.T) {
	t.Parallel()
	out := chatOut(t, nil, "", "--lang", "fr")
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

// TestFlowsRouteActsOnRequests: route prints what carebot does, as make
// eval counts it: a request for a person the router was unsure of, or
// sent elsewhere, is the human flow; a person spoken of is not (route12).
func TestFlowsRouteActsOnRequests(t *testing.T) {
	t.Parallel()
	tests := []struct{ lang, text, flow, category string }{
		{"en", "I need to explain this to a person, it's complicated", "human", "escalate_human"},
		{"en", "is there anyone who can actually help me", "human", "escalate_human"},
		{"fr", "quelqu'un peut m'appeler ?", "human", "escalate_human"},
		{"en", "my sister is a real person, not a bot", "", "out_of_scope"},
	}
	for _, tt := range tests {
		out, _, err := runMain(t, nil, tt.text+"\n", "flows", "route", "--json", "--lang", tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Flow, Category string }
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%q: %v", out, err)
		}
		if got.Flow != tt.flow || got.Category != tt.category {
			t.Errorf("%s %q: flow %q category %q, want %q %q", tt.lang, tt.text, got.Flow, got.Category, tt.flow, tt.category)
		}
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
	c, addr := startServe(t, nil)
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready", "/metrics": "carebot_turns_total"} {
		if code, body := httpGet(t, "http://"+addr+path); code != 200 || !strings.Contains(body, want) {
			t.Errorf("GET %s = %d %.200q, want 200 with %q", path, code, body, want)
		}
	}
	if err := c.stop(t); err != nil {
		t.Errorf("serve returned %v", err)
	}
}

func TestServeNotReadyWithoutRedis(t *testing.T) {
	t.Parallel()
	_, addr := startServe(t, map[string]string{"REDIS_URL": "redis://127.0.0.1:1/0"}) // nothing listens there
	if code, _ := httpGet(t, "http://"+addr+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d with Redis down, want 503", code)
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

// chatOut runs carebot chat without pauses, with args, on input, and
// returns what it printed.
func chatOut(t *testing.T, env map[string]string, input string, args ...string) string {
	t.Helper()
	out, _, err := runMain(t, env, input, append([]string{"chat", "--pace", "0"}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// hasAll reports each of want that out lacks, as t.Errorf(format, want, out).
func hasAll(t *testing.T, out, format string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf(format, w, out)
		}
	}
}

// hasNone reports each of never that out holds, as t.Errorf(format, never, out).
func hasNone(t *testing.T, out, format string, never ...string) {
	t.Helper()
	for _, w := range never {
		if strings.Contains(out, w) {
			t.Errorf(format, w, out)
		}
	}
}

// httpGet returns the status and body of GET url.
func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// writeConfig writes a carebot.yaml holding body and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "carebot.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// term is one carebot command running in this process until the test
// ends, its input on a pipe as in a terminal.
type term struct {
	name   string
	in     *io.PipeWriter
	out    *bottest.Buffer
	errb   *bottest.Buffer
	cancel context.CancelFunc
	exited chan struct{} // closed when run returned; err is what it returned
	err    error
}

func startTerm(t *testing.T, env map[string]string, args ...string) *term {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	c := &term{name: args[0], in: pw, out: &bottest.Buffer{}, errb: &bottest.Buffer{}, cancel: cancel, exited: make(chan struct{})}
	go func() {
		c.err = run(ctx, args, pr, c.out, c.errb, envMap(env))
		close(c.exited)
	}()
	t.Cleanup(func() {
		_ = pw.Close()
		select {
		case <-c.exited:
		case <-time.After(wait.Timeout):
			t.Errorf("%s did not end within %s after its input closed", c.name, wait.Timeout)
		}
		cancel()
	})
	return c
}

// startServe runs carebot serve on a free loopback port until the test
// ends, and returns it and its address.
func startServe(t *testing.T, env map[string]string) (*term, string) {
	t.Helper()
	env = maps.Clone(env)
	if env == nil {
		env = map[string]string{}
	}
	env["CAREBOT_HTTP_ADDR"] = "127.0.0.1:0"
	c := startTerm(t, env, "serve")
	return c, waitLine(t, c.name, c.out, "carebot serving on ", c.exited)
}

func (c *term) say(t *testing.T, line string) {
	t.Helper()
	if _, err := io.WriteString(c.in, line+"\n"); err != nil {
		t.Fatalf("%s: type %q: %v", c.name, line, err)
	}
}

// waitOut waits until the output shows every one of want, in order.
func (c *term) waitOut(t *testing.T, want ...string) {
	t.Helper()
	waitFor(t, fmt.Sprintf("%s showing %q", c.name, want), func() bool {
		out := c.out.String()
		for _, w := range want {
			i := strings.Index(out, w)
			if i < 0 {
				return false
			}
			out = out[i+len(w):]
		}
		return true
	}, func() string { return c.out.String() + "\nstderr:\n" + c.errb.String() })
}

// waitEnd waits for the command to end and returns its error.
func (c *term) waitEnd(t *testing.T) error {
	t.Helper()
	select {
	case <-c.exited:
		return c.err
	case <-time.After(wait.Timeout):
		t.Fatalf("%s did not end within %s", c.name, wait.Timeout)
		return nil
	}
}

// stop cancels the command, as SIGTERM does, and returns its error.
func (c *term) stop(t *testing.T) error {
	t.Helper()
	c.cancel()
	return c.waitEnd(t)
}

// waitFor checks cond until it holds, or fails after the shared
// wait.Timeout (a cold start of chat or agent under -race on a busy machine
// takes many seconds) with show().
func waitFor(t *testing.T, what string, cond func() bool, show func() string) {
	t.Helper()
	if !wait.Within(wait.Timeout, nil, cond) {
		t.Fatalf("timed out after %s waiting for %s:\n%s", wait.Timeout, what, show())
	}
}

// waitLine waits until out has a whole line starting with prefix ("" for
// the first line) and returns the rest of it; it fails at once if the
// command name ends first.
func waitLine(t *testing.T, name string, out *bottest.Buffer, prefix string, exited <-chan struct{}) string {
	t.Helper()
	var rest string
	found := func() bool {
		for l := range strings.Lines(out.String()) {
			if r, ok := strings.CutPrefix(l, prefix); ok && strings.HasSuffix(r, "\n") {
				rest = strings.TrimSuffix(r, "\n")
				return true
			}
		}
		return false
	}
	if !wait.Within(startTimeout, nil, func() bool { return found() || ended(exited) }) || !found() {
		t.Fatalf("%s did not print %q within %s; it printed:\n%s", name, prefix, startTimeout, out.String())
	}
	return rest
}

// ended reports whether ch is closed.
func ended(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
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

// carebotBinary returns the built carebot binary, skipping the test in
// -short mode (it runs carebot processes) and failing it if the build does.
func carebotBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs carebot processes")
	}
	bin, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// proc is one carebot OS process of the test.
type proc struct {
	name      string
	cmd       *exec.Cmd
	addr      string          // where serve listens
	out, logs *bottest.Buffer // stdout, stderr
	exited    chan struct{}   // closed when it exited; err is how
	err       error
}

// startProc runs the built binary's serve with env (over this process's,
// the last value of a name winning), waits until it listens and stops it
// when the test ends (see stop), failing the test if it had to be killed.
func startProc(t *testing.T, name, bin string, env ...string) *proc {
	t.Helper()
	p := launchProc(t, name, bin, env...)
	p.addr = waitLine(t, name, p.out, "carebot serving on ", p.exited)
	return p
}

// launchProc runs the built binary's serve as startProc does, but returns
// at once, without waiting for it to listen.
func launchProc(t *testing.T, name, bin string, env ...string) *proc {
	t.Helper()
	p := &proc{name: name, cmd: exec.Command(bin, "serve"), out: &bottest.Buffer{}, logs: &bottest.Buffer{}, exited: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.logs
	// A child that keeps the output pipes open must not hold Wait forever.
	p.cmd.WaitDelay = 5 * time.Second
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		if err := p.stop(wait.Timeout); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("%s stderr:\n%s", p.name, tail(p.logs.String(), 16000))
		}
	})
	return p
}

// stop sends SIGTERM and waits up to grace for the process to exit; a hung
// one is killed, so that it cannot hold the test until go test's -timeout,
// and stop says so.
func (p *proc) stop(grace time.Duration) error {
	_ = p.cmd.Process.Signal(syscall.SIGTERM) // it may have exited already
	select {
	case <-p.exited:
		return nil
	case <-time.After(grace):
	}
	_ = p.cmd.Process.Kill()
	<-p.exited
	return fmt.Errorf("%s still running %s after SIGTERM: killed it", p.name, grace)
}

// logged reports whether a whole line of the process's log holds every
// one of parts.
func (p *proc) logged(parts ...string) bool {
	for l := range strings.Lines(p.logs.String()) {
		if !strings.HasSuffix(l, "\n") {
			continue // still being written
		}
		all := true
		for _, s := range parts {
			all = all && strings.Contains(l, s)
		}
		if all {
			return true
		}
	}
	return false
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// TestBinarySIGTERM builds the real binary, starts serve and stops it with
// SIGTERM: it must exit 0 (serve's own shutdown deadline is 10 s; the test
// does not time it, since a loaded machine is no bug, and waits generously).
func TestBinarySIGTERM(t *testing.T) {
	t.Parallel()
	bin, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	p := startProc(t, "carebot", bin, "CAREBOT_HTTP_ADDR=127.0.0.1:0", "REDIS_URL=")
	httpGet(t, "http://"+p.addr+"/healthz")
	start := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
		if p.err != nil {
			t.Errorf("exit after SIGTERM: %v, want 0", p.err)
		}
		t.Logf("stopped %s after SIGTERM", time.Since(start))
	case <-time.After(wait.Timeout):
		_ = p.cmd.Process.Kill()
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

// TestSIGTERMIgnoredIsKilled checks the tests' own stop: a process that
// ignores SIGTERM is killed after the grace period and reported, rather than
// holding the test until go test's -timeout.
func TestSIGTERMIgnoredIsKilled(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "hung")
	// An ignored signal stays ignored across exec, so sleep ignores SIGTERM too.
	script := "#!/bin/sh\ntrap '' TERM\necho 'carebot serving on 127.0.0.1:1'\nexec sleep 600\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	p := startProc(t, "hung", bin)
	start := time.Now()
	err := p.stop(200 * time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Errorf("stop of a process ignoring SIGTERM: %v, want an error saying it was killed", err)
	}
	select {
	case <-p.exited:
	default:
		t.Fatal("stop returned before the process exited")
	}
	if took := time.Since(start); took > wait.Timeout/2 {
		t.Errorf("stop took %s, want about the 200ms grace", took)
	}
}

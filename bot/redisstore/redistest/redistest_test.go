package redistest

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestServerStopStart(t *testing.T) {
	t.Parallel()
	s := StartServer(t)
	want := fmt.Sprintf("redis://127.0.0.1:%d/0?dial_timeout=10s&read_timeout=10s&write_timeout=10s", s.Port())
	if got := s.URL(); got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
	if err := ping(s.Addr()); err != nil {
		t.Fatalf("ping after StartServer: %v", err)
	}
	s.Stop()
	if err := ping(s.Addr()); err == nil {
		t.Fatal("ping after Stop succeeded, want an error")
	}
	s.Stop() // stopping twice is fine
	s.Start()
	if err := ping(s.Addr()); err != nil {
		t.Fatalf("ping after restart: %v", err)
	}
}

func TestStartExtraArgs(t *testing.T) {
	t.Parallel()
	// A bad flag makes redis-server exit at once: StartServer must notice the
	// exit rather than wait for its PING deadline, and fail the test.
	rec := &recorder{TB: t}
	if s := StartServer(rec, "--no-such-option", "x"); s != nil {
		t.Errorf("StartServer with a bad flag returned a server")
	}
	if !strings.Contains(rec.fatal, "exited before answering PING") {
		t.Errorf("fatal message = %q, want it to say the server exited", rec.fatal)
	}
}

func TestMissingRedisServer(t *testing.T) {
	// Not parallel: it changes PATH.
	t.Setenv("PATH", t.TempDir())
	tests := []struct {
		name      string
		require   string
		wantFatal string
		wantSkip  string
	}{
		{name: "skip_loudly", require: "", wantSkip: "SKIPPING REDIS TESTS: redis-server not found; run make test"},
		{name: "required", require: "1", wantFatal: "apt-get install redis-server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(RequireEnv, tt.require)
			rec := &recorder{TB: t}
			if bin := lookPath(rec); bin != "" {
				t.Fatalf("lookPath = %q, want none", bin)
			}
			if tt.wantFatal != "" && !strings.Contains(rec.fatal, tt.wantFatal) {
				t.Errorf("fatal = %q, want it to contain %q", rec.fatal, tt.wantFatal)
			}
			if tt.wantSkip != "" && !strings.Contains(rec.skip, tt.wantSkip) {
				t.Errorf("skip = %q, want it to contain %q", rec.skip, tt.wantSkip)
			}
			if tt.wantFatal == "" && rec.fatal != "" || tt.wantSkip == "" && rec.skip != "" {
				t.Errorf("got fatal %q and skip %q", rec.fatal, rec.skip)
			}
		})
	}
}

// recorder records Fatalf and Skipf instead of ending the test, so the
// failure paths can be checked; unlike the real ones they return.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
}

func (r *recorder) Skipf(format string, args ...any) {
	r.skip = fmt.Sprintf(format, args...)
}

func TestStartCluster(t *testing.T) {
	t.Parallel()
	s := StartCluster(t)
	info, err := Do(s.Addr(), "CLUSTER INFO")
	if err != nil || !strings.Contains(info, "cluster_slots_assigned:16384") {
		t.Errorf("CLUSTER INFO = %q, %v; want every slot assigned", info, err)
	}
	// The bus is on a port of its own below the ephemeral range, not on
	// port+10000, which a busy machine's outgoing connections may hold.
	nodes, err := Do(s.Addr(), "CLUSTER NODES")
	if err != nil {
		t.Fatal(err)
	}
	_, hi := portRange()
	want := fmt.Sprintf(":%d@", s.Port())
	i := strings.Index(nodes, want)
	if i < 0 {
		t.Fatalf("CLUSTER NODES = %q, want this node's %s", nodes, want)
	}
	bus, _, _ := strings.Cut(nodes[i+len(want):], " ")
	bus, _, _ = strings.Cut(bus, ",")
	if bus == strconv.Itoa(s.Port()+10000) || len(bus) == 0 {
		t.Errorf("cluster bus on port %s, want one of its own (not port+10000)", bus)
	} else if n, err := strconv.Atoi(bus); err != nil || n >= hi {
		t.Errorf("cluster bus on port %s, want below the ephemeral range (%d)", bus, hi)
	}
}

func TestStartSentinel(t *testing.T) {
	t.Parallel()
	m := StartServer(t)
	s := StartSentinel(t, m, "mymaster")
	got, err := Do(s.Addr(), "SENTINEL CKQUORUM mymaster")
	if err != nil || !strings.HasPrefix(got, "OK") {
		t.Errorf("SENTINEL CKQUORUM = %q, %v; want OK…", got, err)
	}
	if _, err := Do(s.Addr(), "SENTINEL CKQUORUM othermaster"); err == nil {
		t.Errorf("the sentinel knows a master it was not given")
	}
}

func TestDo(t *testing.T) {
	t.Parallel()
	s := StartServer(t)
	steps := []struct {
		cmd, want, wantErr string
	}{
		{cmd: "SET k hello", want: "OK"},
		{cmd: "GET k", want: "hello"},
		{cmd: "INCR n", want: "1"},
		{cmd: "NOSUCHCOMMAND", wantErr: "unknown command"},
	}
	for _, st := range steps {
		got, err := Do(s.Addr(), st.cmd)
		if st.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), st.wantErr) {
				t.Errorf("Do(%q) error = %v, want %q", st.cmd, err, st.wantErr)
			}
			continue
		}
		if err != nil || got != st.want {
			t.Errorf("Do(%q) = %q, %v; want %q", st.cmd, got, err, st.want)
		}
	}
}

func TestStartClusterN(t *testing.T) {
	t.Parallel()
	c := StartClusterN(t, 3)
	if len(c.Nodes) != 3 {
		t.Fatalf("%d nodes, want 3", len(c.Nodes))
	}
	want := fmt.Sprintf("redis+cluster://%s?addr=%s&addr=%s", c.Nodes[0].Addr(), c.Nodes[1].Addr(), c.Nodes[2].Addr())
	if got := c.URL(); got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
	// Every node is a master holding a share of the slots.
	for _, s := range c.Nodes {
		info, err := Do(s.Addr(), "CLUSTER INFO")
		if err != nil || !strings.Contains(info, "cluster_size:3") || !strings.Contains(info, "cluster_slots_assigned:16384") {
			t.Errorf("%s CLUSTER INFO = %q, %v; want 3 masters sharing every slot", s.Addr(), info, err)
		}
	}
	// A key of another node's slot is refused with MOVED: the keys really
	// are spread.
	moved := 0
	for _, k := range []string{"a", "b", "c", "d", "e", "f"} {
		if _, err := Do(c.Nodes[0].Addr(), "SET "+k+" 1"); err != nil && strings.Contains(err.Error(), "MOVED") {
			moved++
		}
	}
	if moved == 0 {
		t.Errorf("node 1 took every key; want some MOVED to the others")
	}
}

// TestPortTakenByAnother: a server whose port another redis-server holds
// (a parallel test binary took it first) does not start: the other answers
// PING, but the test must never talk to another test's Redis.
func TestPortTakenByAnother(t *testing.T) {
	t.Parallel()
	other := StartServer(t)
	s := &Server{t: t, bin: other.bin, dir: t.TempDir(), port: other.port}
	t.Cleanup(s.Stop)
	err := s.start()
	if err == nil {
		t.Fatal("started on a port another redis-server holds")
	}
	if !strings.Contains(err.Error(), "another redis-server") && !strings.Contains(err.Error(), "exited") {
		t.Errorf("error %q, want it to say the port is another server's", err)
	}
	if err := ping(other.Addr()); err != nil {
		t.Errorf("the other server: %v", err)
	}
}

// TestPortsBelowEphemeral: servers listen below the kernel's ephemeral
// range, where no listener on ":0" and no outgoing connection takes the port
// a stopped server will start on again.
func TestPortsBelowEphemeral(t *testing.T) {
	t.Parallel()
	lo, hi := portRange()
	if lo < 1024 || hi-lo < 1024 {
		t.Fatalf("range [%d, %d), want at least 1024 ports above 1023", lo, hi)
	}
	if p := StartServer(t).Port(); p < lo || p >= hi {
		t.Errorf("port %d, want it in [%d, %d)", p, lo, hi)
	}
}

func TestBusPort(t *testing.T) {
	t.Parallel()
	const port = 20000
	for _, tc := range []struct {
		name    string
		picks   []int
		want    int
		wantErr bool
	}{
		{"free_at_once", []int{20001}, 20001, false},
		{"server_port_then_free", []int{port, port, 20002}, 20002, false},
		{"always_server_port", []int{port, port, port, port, port, 20003}, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			i := 0
			pick := func() (int, error) { i++; return tc.picks[i-1], nil }
			got, err := busPort(port, pick)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("busPort(%d) = %d, %v; want %d, error %t", port, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

// fatalRecorder is a testing.TB whose Fatalf records instead of stopping.
type fatalRecorder struct {
	testing.TB
	fatal string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) { r.fatal = fmt.Sprintf(format, args...) }

// TestPollRetriesNetworkErrors: on a loaded machine a node's CLUSTER INFO can
// time out while the node starts; that is "not yet", not a failure (a CI run
// at load 17 failed on one such dial timeout). An error reply still fails at
// once.
func TestPollRetriesNetworkErrors(t *testing.T) {
	timeout := &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}
	tests := []struct {
		name      string
		errs      []error // cond's errors, one a call; then it reports true
		wantCalls int
		wantFatal bool
	}{
		{"a dial timeout, then ready", []error{timeout, timeout}, 3, false},
		{"a reset connection, then ready", []error{io.EOF, io.ErrUnexpectedEOF}, 3, false},
		{"ready at once", nil, 1, false},
		{"an error reply", []error{errors.New("CLUSTER INFO: ERR This instance has cluster support disabled")}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &fatalRecorder{TB: t}
			calls := 0
			poll(r, "the test's condition", func() (bool, error) {
				calls++
				if calls <= len(tt.errs) {
					return false, tt.errs[calls-1]
				}
				return true, nil
			})
			if calls != tt.wantCalls {
				t.Errorf("cond called %d times, want %d", calls, tt.wantCalls)
			}
			if (r.fatal != "") != tt.wantFatal {
				t.Errorf("fatal %q, want fatal %v", r.fatal, tt.wantFatal)
			}
		})
	}
}

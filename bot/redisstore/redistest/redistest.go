// Package redistest starts real redis-server processes for tests, on a free
// loopback port with persistence off, so store tests run against the real
// thing rather than a fake (as wtf tests against real SQLite).
//
// It needs no Redis client: readiness is a plain PING over TCP.
package redistest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// RequireEnv names the environment variable that turns a missing
// redis-server into a test failure instead of a skip (`make test` sets it).
const RequireEnv = "CAREBOT_REQUIRE_REDIS"

// startTimeout bounds how long a server may take to answer PING: generous,
// as a busy machine (two cores, many test binaries under -race) is no bug.
const startTimeout = 60 * time.Second

// IOTimeout is the dial, read and write timeout that the URLs of Start and
// URL carry. Production's one second (redisstore.DefaultIOTimeout) tells a
// turn quickly that Redis is down; in tests a stopped server refuses at
// once, and a one-second stall of a loopback reply on a loaded CI machine
// must not fail a turn. A test about timeouts sets its own in the store's
// Config, which wins over the URL.
const IOTimeout = 10 * time.Second

// Start starts a redis-server for the test and returns its URL,
// redis://127.0.0.1:<port>/0 with IOTimeout's timeouts. The server is killed when the test ends.
//
// Without redis-server on PATH the test is skipped loudly, or fails when
// CAREBOT_REQUIRE_REDIS=1.
func Start(t testing.TB) string {
	t.Helper()
	return StartServer(t).URL()
}

// Server is a redis-server child process. Stop and Start simulate Redis
// going down and coming back on the same port and directory.
type Server struct {
	t    testing.TB
	bin  string
	port int
	dir  string
	args []string

	conf []string // a config file to start with, for sentinels

	mu     sync.Mutex
	proc   *os.Process   // nil while stopped
	exited chan struct{} // closed once proc has been reaped
}

// StartServer starts a redis-server for the test; extra args are appended to
// its command line (e.g. "--cluster-enabled", "yes"). The server is killed
// when the test ends.
//
// Without redis-server on PATH the test is skipped loudly, or fails when
// CAREBOT_REQUIRE_REDIS=1.
func StartServer(t testing.TB, args ...string) *Server {
	t.Helper()
	return startServer(t, nil, func(string, int) []string { return args })
}

// startServer starts a server with the config file conf writes in its
// directory, if any, and the extra args that args gives for its directory
// and port, asked afresh at each attempt (for ports of their own).
func startServer(t testing.TB, conf func(dir string) string, args func(dir string, port int) []string) *Server {
	t.Helper()
	bin := lookPath(t)
	s := &Server{t: t, bin: bin, dir: t.TempDir()}
	if conf != nil {
		s.conf = []string{conf(s.dir)}
	}
	t.Cleanup(s.Stop)
	// A free port can be taken between our probe and redis-server's bind by
	// a parallel test; try a few.
	var err error
	for range 5 {
		s.port, err = freePort()
		if err != nil {
			t.Fatalf("redistest: find a free port: %v", err)
		}
		s.args = args(s.dir, s.port)
		if err = s.start(); err == nil {
			return s
		}
	}
	t.Fatalf("redistest: %v", err)
	return nil
}

// lookPath finds redis-server or skips/fails the test with instructions.
func lookPath(t testing.TB) string {
	t.Helper()
	return look(t, "redis-server", "REDIS TESTS", "redis-server")
}

// look finds bin on PATH, or skips the tests loudly (fails them when
// CAREBOT_REQUIRE_REDIS=1) naming the Debian package apt that has it.
func look(t testing.TB, bin, tests, apt string) string {
	t.Helper()
	path, err := exec.LookPath(bin)
	if err == nil {
		return path
	}
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("redistest: %s not found on PATH and %s=1: install it "+
			"(apt-get install %s, brew install redis) or run make test", bin, RequireEnv, apt)
		return ""
	}
	line := strings.Repeat("*", 60)
	t.Skipf("\n%s\n* SKIPPING %s: %s not found; run make test\n* (or apt-get install %s)\n%s", line, tests, bin, apt, line)
	return ""
}

// URL returns redis://127.0.0.1:<port>/0 with dial, read and write
// timeouts of IOTimeout (go-redis's URL options).
func (s *Server) URL() string {
	return "redis://" + s.Addr() + "/0?" + timeouts
}

// timeouts are the URL options that set IOTimeout.
var timeouts = "dial_timeout=" + IOTimeout.String() + "&read_timeout=" + IOTimeout.String() + "&write_timeout=" + IOTimeout.String()

// Addr returns 127.0.0.1:<port>.
func (s *Server) Addr() string {
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
}

// Port returns the server's TCP port.
func (s *Server) Port() int { return s.port }

// Stop kills the server and waits for it to exit. Stopping a stopped
// server does nothing.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return
	}
	_ = s.proc.Kill()
	<-s.exited
	s.proc, s.exited = nil, nil
}

// Start starts a stopped server again on the same port and directory and
// waits until it answers PING; it fails the test if it cannot.
func (s *Server) Start() {
	s.t.Helper()
	if err := s.start(); err != nil {
		s.t.Fatalf("redistest: restart: %v", err)
	}
}

func (s *Server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc != nil {
		return fmt.Errorf("redis-server on port %d is already running", s.port)
	}
	args := append(slices.Clone(s.conf),
		"--port", strconv.Itoa(s.port),
		"--bind", "127.0.0.1",
		"--save", "",
		"--appendonly", "no",
		"--dir", s.dir,
		"--daemonize", "no",
		"--logfile", "",
	)
	args = append(args, s.args...)
	cmd := exec.Command(s.bin, args...)
	out := &bottest.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	killWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		// Reap the process as soon as it exits, so an early exit (port
		// taken, bad flag) ends the PING wait at once.
		_ = cmd.Wait()
		close(exited)
	}()
	if err := waitPing(s.Addr(), cmd.Process.Pid, exited); err != nil {
		_ = cmd.Process.Kill()
		<-exited
		return fmt.Errorf("redis-server on port %d: %w\n%s", s.port, err, tail(out.String()))
	}
	s.proc, s.exited = cmd.Process, exited
	return nil
}

// waitPing dials addr and sends PING until it answers +PONG, the process
// exits or the deadline passes; then it checks that the server answering is
// process pid: a redis-server of a parallel test (another package, another
// checkout) that took the port first answers PING too, while ours exits
// with "address already in use".
func waitPing(addr string, pid int, exited <-chan struct{}) error {
	deadline := time.Now().Add(startTimeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		if last = ping(addr); last == nil {
			info, err := Do(addr, "INFO server")
			if err != nil {
				return err
			}
			if got := infoField(info, "process_id"); got != strconv.Itoa(pid) {
				return fmt.Errorf("%s is another redis-server's (process %s, ours is %d)", addr, got, pid)
			}
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no PONG within %v: %w", startTimeout, last)
		}
		select {
		case <-exited:
			return fmt.Errorf("exited before answering PING")
		case <-tick.C:
		}
	}
}

// infoField returns the value of field in an INFO reply ("field:value" lines).
func infoField(info, field string) string {
	for line := range strings.Lines(info) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), field+":"); ok {
			return v
		}
	}
	return ""
}

func ping(addr string) error {
	reply, err := Do(addr, "PING")
	if err != nil {
		return err
	}
	if reply != "PONG" {
		return fmt.Errorf("PING answered %q", reply)
	}
	return nil
}

// Do sends one inline command (words separated by spaces, none quoted) to
// the server at addr on a new connection and returns the reply: the text of
// a simple string, integer or bulk string. An error reply (-LOADING …) is an
// error.
func Do(addr, cmd string) (string, error) {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, cmd+"\r\n"); err != nil {
		return "", err
	}
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("%s: empty reply", cmd)
	}
	switch line[0] {
	case '+', ':':
		return line[1:], nil
	case '-':
		return "", fmt.Errorf("%s: %s", cmd, line[1:])
	case '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return "", fmt.Errorf("%s: bad bulk reply %q", cmd, line)
		}
		b := make([]byte, n+2)
		if _, err := io.ReadFull(r, b); err != nil {
			return "", err
		}
		return string(b[:n]), nil
	}
	return "", fmt.Errorf("%s: unsupported reply %q", cmd, line)
}

// StartCluster starts a one-node Redis Cluster holding every slot and waits
// until it reports cluster_state:ok. Its URL for redisstore is
// redis+cluster://<Addr()>.
func StartCluster(t testing.TB) *Server {
	t.Helper()
	s := startServer(t, nil, func(dir string, port int) []string { return clusterArgs(t, dir, port) })
	if _, err := Do(s.Addr(), "CLUSTER ADDSLOTSRANGE 0 16383"); err != nil {
		t.Fatalf("redistest: %v", err)
	}
	poll(t, "cluster_state:ok", func() (bool, error) {
		info, err := Do(s.Addr(), "CLUSTER INFO")
		return strings.Contains(info, "cluster_state:ok"), err
	})
	return s
}

// clusterArgs make a server in dir, listening on port, a cluster node. The
// cluster bus listens on a second port, port+10000 unless told, which may be
// past 65535, another test's server or an ephemeral port: it is picked free
// as the first one is and distinct from it (busPort), afresh at each attempt,
// and a failed attempt's node file goes.
func clusterArgs(t testing.TB, dir string, port int) []string {
	bus, err := busPort(port, freePort)
	if err != nil {
		t.Fatalf("redistest: pick a cluster bus port: %v", err)
	}
	nodes := filepath.Join(dir, "nodes.conf")
	_ = os.Remove(nodes)
	return []string{"--cluster-enabled", "yes", "--cluster-config-file", nodes, "--cluster-port", strconv.Itoa(bus)}
}

// busPort picks a cluster bus port with pick, never the server's own port
// (pick probes each port free on its own, so it may return that one again
// while the server is not yet listening): the start must not depend on
// redis-server failing to bind and on startServer's retry.
func busPort(port int, pick func() (int, error)) (int, error) {
	for range 5 {
		bus, err := pick()
		if err != nil || bus != port {
			return bus, err
		}
	}
	return 0, fmt.Errorf("bus port %d is the server's, 5 picks in a row", port)
}

// StartSentinel starts a Redis Sentinel watching master under name, with a
// quorum of one, and waits until it knows the master's address. Its URL for
// redisstore is redis+sentinel://<Addr()>?master_name=<name>.
func StartSentinel(t testing.TB, master *Server, name string) *Server {
	t.Helper()
	conf := func(dir string) string {
		// Sentinel insists on a config file it can rewrite.
		p := filepath.Join(dir, "sentinel.conf")
		body := fmt.Sprintf("sentinel monitor %s 127.0.0.1 %d 1\n", name, master.Port())
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatalf("redistest: %v", err)
		}
		return p
	}
	s := startServer(t, conf, func(string, int) []string { return []string{"--sentinel"} })
	poll(t, "the sentinel to know "+name, func() (bool, error) {
		reply, err := Do(s.Addr(), "SENTINEL CKQUORUM "+name)
		return err == nil && strings.HasPrefix(reply, "OK"), nil
	})
	return s
}

// portRange is where freePort picks: the 16384 ports below the kernel's
// ephemeral range (/proc/sys/net/ipv4/ip_local_port_range; 32768 by
// default and where it cannot be read), never below 1024.
func portRange() (lo, hi int) {
	hi = 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if n, err := strconv.Atoi(f[0]); err == nil && n > 2048 {
				hi = n
			}
		}
	}
	return max(1024, hi-16384), hi
}

// poll calls cond until it reports true, fails, or startTimeout passes. A
// network error (a dial or read that timed out on a loaded machine, a
// refused or reset connection) is a server not answering yet: cond is called
// again, and the last such error is reported if the time runs out. Any other
// error (an error reply) fails at once.
func poll(t testing.TB, what string, cond func() (bool, error)) {
	t.Helper()
	var err error
	held := wait.Within(startTimeout, nil, func() bool {
		var ok bool
		ok, err = cond()
		var netErr net.Error
		if err != nil && (errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)) {
			return false
		}
		return ok || err != nil
	})
	switch {
	case held && err != nil:
		t.Fatalf("redistest: waiting for %s: %v", what, err)
	case !held && err != nil:
		t.Fatalf("redistest: gave up waiting for %s after %v: %v", what, startTimeout, err)
	case !held:
		t.Fatalf("redistest: gave up waiting for %s", what)
	}
}

// freePort returns a port that is free now, picked at random below the
// kernel's ephemeral range: that range is where bind(":0") and outgoing
// connections take their ports, so a port a test's Stop frees is not
// handed at once to the next listener of another test binary on the
// machine, and Start finds it free again.
func freePort() (int, error) {
	lo, hi := portRange()
	for range 100 {
		p := lo + rand.IntN(hi-lo)
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
		if err == nil {
			l.Close()
			return p, nil
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tail keeps the end of the server's log for failure messages.
func tail(s string) string {
	const max = 2000
	if len(s) > max {
		s = "…" + s[len(s)-max:]
	}
	return s
}

// Cluster is a Redis Cluster of several masters, each a redis-server child
// process of the test, with no replicas: keys of different hash slots live
// on different servers, so a command or script that mixes them fails with
// CROSSSLOT, and one that reaches the wrong server gets MOVED, as in
// production.
type Cluster struct {
	Nodes []*Server
}

// URL returns the cluster's URL for redisstore:
// redis+cluster://<node 1>?addr=<node 2>&addr=<node 3>…
func (c *Cluster) URL() string {
	u := "redis+cluster://" + c.Nodes[0].Addr()
	for i, n := range c.Nodes[1:] {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		u += sep + "addr=" + n.Addr()
	}
	return u
}

// StartClusterN starts a Redis Cluster of n masters (at least 3, as
// redis-cli insists) on free loopback ports, joins them with
// `redis-cli --cluster create … --cluster-replicas 0 --cluster-yes` and
// waits until every node reports cluster_state:ok and knows the others.
// The servers are killed when the test ends.
//
// Without redis-server or redis-cli on PATH the test is skipped loudly, or
// fails when CAREBOT_REQUIRE_REDIS=1.
func StartClusterN(t testing.TB, n int) *Cluster {
	t.Helper()
	cli := lookCLI(t)
	if cli == "" {
		return nil
	}
	c := &Cluster{}
	create := []string{"--cluster", "create"}
	for range n {
		s := startServer(t, nil, func(dir string, port int) []string {
			return append(clusterArgs(t, dir, port), "--cluster-node-timeout", "5000")
		})
		if s == nil {
			return nil
		}
		c.Nodes = append(c.Nodes, s)
		create = append(create, s.Addr())
	}
	create = append(create, "--cluster-replicas", "0", "--cluster-yes")
	cmd := exec.Command(cli, create...)
	killWithParent(cmd)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("redistest: redis-cli --cluster create: %v\n%s", err, tail(string(out)))
	}
	for _, s := range c.Nodes {
		poll(t, "cluster_state:ok on "+s.Addr(), func() (bool, error) {
			info, err := Do(s.Addr(), "CLUSTER INFO")
			return strings.Contains(info, "cluster_state:ok") &&
				strings.Contains(info, "cluster_known_nodes:"+strconv.Itoa(n)+"\r\n"), err
		})
	}
	return c
}

// lookCLI finds redis-cli (it comes with redis-server in Debian's package)
// or skips/fails the test as lookPath does.
func lookCLI(t testing.TB) string {
	t.Helper()
	if lookPath(t) == "" {
		return ""
	}
	return look(t, "redis-cli", "REDIS CLUSTER TESTS", "redis-tools")
}

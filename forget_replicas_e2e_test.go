package main

// /forget across replicas, with separate OS processes on a real Redis (one
// server, or a three-master Cluster) and the Telegram fake in webhook
// mode: replica A is "typing" a reply when the person's /forget reaches
// replica B.

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestForgetAcrossReplicas: the person gets the reply A is typing, then
// the confirmation, and nothing of the forgotten conversation after it;
// nothing they said is left in Redis once B answered the /forget; the
// tombstone's outbox is emptied once the confirmation was delivered; a
// duplicate of the /forget update confirms nothing twice; a redelivery of
// a message said before it gets nothing and stores nothing; and their
// next message starts a new conversation. The old carebot deleted the session
// and confirmed at once from B: A's reply came after the confirmation.
func TestForgetAcrossReplicas(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	before := [][]string{{"/start"}, {"my order is late", "QZ-804217"}, {"/start"}}
	ref := referenceReplies(t, before...)
	fresh := referenceReplies(t, []string{"/start"})[0]
	confirm := referenceReplies(t, []string{"/forget"})[0]
	if len(confirm) != 1 {
		t.Fatalf("/forget answers %q, want one confirmation", confirm)
	}
	for _, tt := range []struct {
		name    string
		cluster bool
	}{
		{"one_server", false},
		{"three_master_cluster", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var url string
			var nodes []string
			if tt.cluster {
				c := redistest.StartClusterN(t, 3)
				url = c.URL()
				for _, n := range c.Nodes {
					nodes = append(nodes, n.Addr())
				}
			} else {
				s := redistest.StartServer(t)
				url, nodes = s.URL(), []string{s.Addr()}
			}
			runForget(t, bin, url, nodes, ref, fresh, confirm[0])
		})
	}
}

func runForget(t *testing.T, bin, url string, nodes []string, ref [][]string, fresh []string, confirm string) {
	tg := telegramtest.New(t)
	env := []string{"CAREBOT_DELIVERY_LEASE=4s", "CAREBOT_DELIVERY_SWEEP=100ms", "TELEGRAM_PACE_SCALE=1"}
	a := startReplica(t, "replica A", bin, url, tg, env...)
	b := startReplica(t, "replica B", bin, url, tg, env...)
	const chat = 4242
	texts := func() []string {
		var out []string
		for _, c := range tg.Sent(chat) {
			out = append(out, c.Text())
		}
		return out
	}
	typing := func() int {
		n := 0
		for _, c := range tg.Calls("sendChatAction") {
			if c.ChatID() == chat {
				n++
			}
		}
		return n
	}
	// The person tells A their order number.
	a.say(t, tg, chat, "/start")
	tg.WaitSent(t, chat, len(ref[0]))
	a.say(t, tg, chat, "my order is late")
	said := telegramtest.Text(chat, chat, "QZ-804217")
	said.UpdateID = tg.NextUpdateID()
	a.post(t, said)
	tg.WaitSent(t, chat, len(ref[0])+len(ref[1]))
	if !redisHolds(t, nodes, "QZ-804217") {
		t.Fatal("the order number is nowhere in Redis before /forget: the check below could not see it")
	}

	// A is typing a reply (the greeting's pause) when /forget reaches B,
	// twice (Telegram redelivers an update it got no answer for, here to A).
	n, typed := len(texts()), typing()
	a.say(t, tg, chat, "/start")
	tg.Wait(t, "A typing", func(*telegramtest.Server) bool { return typing() > typed })
	k := len(texts()) - n // replies of the greeting sent before the one being typed
	forget := telegramtest.Text(chat, chat, "/forget")
	forget.UpdateID = tg.NextUpdateID()
	b.post(t, forget)
	if redisHolds(t, nodes, "QZ-804217") {
		t.Error("the order number is still in Redis once B answered /forget")
	}
	a.post(t, forget)

	tg.Wait(t, "the confirmation", func(*telegramtest.Server) bool { return slices.Contains(texts(), confirm) })
	// The tombstone stays, emptied, with the /forget's update id (its
	// mark) until bot.TombstoneTTL: its outbox delivered, it leaves the
	// outbox index.
	wait.Until(t, "the confirmation marked delivered", func() bool { return !redisHolds(t, nodes, ":due") })
	// Telegram redelivers the message with the order number, said before
	// /forget, to A and to B: nothing is said, nothing stored.
	a.post(t, said)
	b.post(t, said)
	if redisHolds(t, nodes, "QZ-804217") {
		t.Error("the order number is back in Redis after a redelivery of the message said before /forget")
	}
	got := texts()[n:]
	j := slices.Index(got, confirm)
	if j <= k || !slices.Equal(got[:j], ref[2][:min(j, len(ref[2]))]) || j > len(ref[2]) || len(got) != j+1 {
		t.Fatalf("after /start the person saw %q (%d sent before B got /forget); want the greeting's replies up to the one being typed at least, then one confirmation, nothing after", got, k)
	}

	// Their next message, to B, starts a new conversation.
	b.say(t, tg, chat, "/start")
	tg.WaitSent(t, chat, n+j+1+len(fresh))
	if got := texts()[n+j+1:]; !slices.Equal(got, fresh) {
		t.Errorf("after /forget the person was greeted with %q, want a new conversation's %q", got, fresh)
	}
	if redisHolds(t, nodes, "QZ-804217") {
		t.Error("the order number came back in Redis")
	}
	// Nothing else arrives (a reply of the forgotten conversation would
	// come within a lease): every delivery is marked, the outbox empty.
	wait.Until(t, "the new conversation's outbox delivered", func() bool { return !redisHolds(t, nodes, ":due") })
	if got := texts()[n:]; len(got) != j+1+len(fresh) {
		t.Errorf("the person saw %q after /start, want nothing after the new greeting", got)
	}
}

// redisHolds reports whether any key's name or value, on any of the
// servers at nodes, contains s: every key is read raw, whatever its type.
func redisHolds(t *testing.T, nodes []string, s string) bool {
	t.Helper()
	for _, addr := range nodes {
		keys, err := respDo(addr, "KEYS", "*")
		if err != nil {
			t.Fatalf("KEYS on %s: %v", addr, err)
		}
		for _, k := range keys {
			if strings.Contains(k, s) {
				return true
			}
			typ, err := respDo(addr, "TYPE", k)
			if err != nil || len(typ) != 1 {
				t.Fatalf("TYPE %s: %q, %v", k, typ, err)
			}
			read := map[string][]string{
				"string": {"GET", k}, "hash": {"HGETALL", k}, "zset": {"ZRANGE", k, "0", "-1", "WITHSCORES"},
				"set": {"SMEMBERS", k}, "list": {"LRANGE", k, "0", "-1"},
			}[typ[0]]
			if read == nil {
				continue // "none": gone meanwhile
			}
			vals, err := respDo(addr, read...)
			if err != nil {
				t.Fatalf("%s: %v", strings.Join(read, " "), err)
			}
			for _, v := range vals {
				if strings.Contains(v, s) {
					return true
				}
			}
		}
	}
	return false
}

// respDo sends one command to the Redis server at addr, in RESP (binary
// safe), and returns its reply flattened into strings: a simple string,
// integer or bulk string is one, an array its elements, a nil none.
func respDo(addr string, args ...string) ([]string, error) {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := c.Write([]byte(b.String())); err != nil {
		return nil, err
	}
	return respRead(bufio.NewReader(c))
}

func respRead(r *bufio.Reader) ([]string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return nil, fmt.Errorf("empty reply")
	}
	switch line[0] {
	case '+', ':':
		return []string{line[1:]}, nil
	case '-':
		return nil, fmt.Errorf("redis: %s", line[1:])
	case '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return nil, err // -1: nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		return []string{string(buf[:n])}, nil
	case '*':
		n, err := strconv.Atoi(line[1:])
		if err != nil {
			return nil, err
		}
		var out []string
		for range n {
			v, err := respRead(r)
			if err != nil {
				return nil, err
			}
			out = append(out, v...)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported reply %q", line)
}

package bot_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

func newRedisStore(t *testing.T, url string) *redisstore.Store {
	t.Helper()
	s, err := redisstore.New(redisstore.Config{URL: url, TTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestTranscriptsOnRedisSurviveRestart plays the transcripts that restart
// the process mid-conversation on a real Redis: each (restart) builds a new
// engine and a new client, and the conversation resumes at the same step.
func TestTranscriptsOnRedisSurviveRestart(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	files, err := filepath.Glob("testdata/transcripts-redis/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts in testdata/transcripts-redis: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			// A fresh client and engine at each (restart), as a restarted
			// process would have. Each file names its own user.
			bottest.RunFile(t, f, func(t *testing.T, _ int) bot.Handler {
				return newEngine(t, newRedisStore(t, url), withDesk)
			})
		})
	}
}

// TestTwoEnginesShareRedis: 50 goroutines × 20 messages for one person,
// through two engines (two processes) sharing Redis: every message is
// answered exactly once and every turn is stored.
func TestTwoEnginesShareRedis(t *testing.T) {
	t.Parallel()
	const goroutines, perG = 50, 20
	answered, silent := twoEngines(t, "race", goroutines, perG, false)
	if answered != goroutines*perG || silent != 0 {
		t.Errorf("answered %d, unanswered %d; want %d, 0", answered, silent, goroutines*perG)
	}
}

// TestDuplicateDeliveriesAcrossEngines delivers every message to both
// engines at once, as a redelivered webhook reaching two processes would:
// exactly one of them answers it.
func TestDuplicateDeliveriesAcrossEngines(t *testing.T) {
	t.Parallel()
	const goroutines, perG = 10, 20
	answered, silent := twoEngines(t, "dup", goroutines, perG, true)
	if answered != goroutines*perG || silent != goroutines*perG {
		t.Errorf("answered %d, silent duplicates %d; want %d each", answered, silent, goroutines*perG)
	}
}

// twoEngines delivers goroutines×perG messages of one person (in chat)
// through two engines sharing a new Redis, and checks that every turn was
// stored once.
func twoEngines(t *testing.T, chat string, goroutines, perG int, both bool) (answered, silent int64) {
	t.Helper()
	url := redistest.Start(t)
	mod := func(c *bot.Config) { c.FloodLimit = 1 << 30; c.Now = time.Now }
	engines := []*bot.Engine{newEngine(t, newRedisStore(t, url), mod), newEngine(t, newRedisStore(t, url), mod)}
	a := bot.Address{Platform: "test", Chat: chat, User: "u"}
	answered, silent = deliver(t, engines, a, goroutines, perG, both)
	if v := session(t, newRedisStore(t, url), a).Version; v != int64(goroutines*perG) {
		t.Errorf("session version = %d, want %d (one save per message)", v, goroutines*perG)
	}
	return answered, silent
}

// deliver sends goroutines×perG messages; with both, each goes to both engines.
//
// With both, the goroutines move in rounds: a session remembers the IDs of
// its last 32 messages, so a redelivery is recognised if fewer than 32 other
// messages of the same conversation were stored in between. Rounds of
// `goroutines` messages keep the test inside that documented window however
// the scheduler orders the deliveries.
func deliver(t *testing.T, engines []*bot.Engine, a bot.Address, goroutines, perG int, both bool) (answered, silent int64) {
	t.Helper()
	var nAnswered, nSilent atomic.Int64
	send := func(g, i int) {
		m := bot.Message{ID: fmt.Sprintf("g%d-%d", g, i), From: a, Text: "hello"}
		targets := engines[(g+i)%2 : (g+i)%2+1]
		if both {
			targets = engines
		}
		var inner sync.WaitGroup
		for _, e := range targets {
			inner.Go(func() {
				replies, err := e.HandleMessage(t.Context(), m)
				switch {
				case err != nil:
					t.Errorf("%s: %v", m.ID, err)
				case len(replies) == 0:
					nSilent.Add(1)
				default:
					nAnswered.Add(1)
				}
			})
		}
		inner.Wait()
	}
	if both {
		for i := range perG {
			var round sync.WaitGroup
			for g := range goroutines {
				round.Go(func() { send(g, i) })
			}
			round.Wait()
		}
		return nAnswered.Load(), nSilent.Load()
	}
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range perG {
				send(g, i)
			}
		})
	}
	wg.Wait()
	return nAnswered.Load(), nSilent.Load()
}

// TestRedisDownThenBack: while Redis is down the person gets the kind
// trouble line and /readyz would say 503; when it is back the conversation
// resumes where it was.
func TestRedisDownThenBack(t *testing.T) {
	t.Parallel()
	// AOF on, as in docker-compose.yml: a restarted Redis keeps its sessions.
	srv := redistest.StartServer(t, "--appendonly", "yes", "--appendfsync", "always")
	e := newEngine(t, newRedisStore(t, srv.URL()), nil)
	a := bot.Address{Platform: "test", Chat: "down", User: "u"}
	say(t, e, a, "1", "my parcel is late")

	srv.Stop()
	replies, err := e.HandleMessage(t.Context(), bot.Message{ID: "2", From: a, Text: "AB-123456"})
	if !errors.Is(err, bot.ErrUnavailable) || len(replies) != 1 {
		t.Fatalf("with Redis down: %d replies, err %v; want the trouble line and ErrUnavailable", len(replies), err)
	}
	if err := e.Ready(t.Context()); err == nil {
		t.Error("Ready = nil with Redis down")
	}

	srv.Start()
	got := texts(say(t, e, a, "3", "AB-123456"))
	if want := "AB-123456"; !strings.Contains(got, want) {
		t.Errorf("after Redis came back, want the flow to go on with %s:\n%s", want, got)
	}
}

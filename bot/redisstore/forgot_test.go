package redisstore

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

// TestForgetEvictsOtherReplicasWarm: replica C saved a conversation last
// (its warm cache holds the session's bytes, the person's words); the
// person says /forget on replica B. At C's next sweep (each second, the
// command it sent before), the bytes are gone from C's memory, though C
// never touches the conversation again. On one server and on a
// three-master Cluster. The old store kept them until C's next turn there
// or the entry's end (half the session TTL).
var errReadOnly = errors.New("read only")

func TestForgetEvictsOtherReplicasWarm(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		cluster bool
	}{{"one_server", false}, {"three_master_cluster", true}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var url string
			if tt.cluster {
				url = redistest.StartClusterN(t, 3).URL()
			} else {
				url = redistest.Start(t)
			}
			prefix := "forgot" + tt.name
			b, c := newStore(t, Config{URL: url, Prefix: prefix}), newStore(t, Config{URL: url, Prefix: prefix})
			ctx := t.Context()
			now := time.Now()
			a := bot.Address{Platform: "telegram", Chat: "77", User: "77"}
			other := bot.Address{Platform: "telegram", Chat: "78", User: "78"}
			key := c.sessionKey(a)
			for _, to := range []bot.Address{a, other} {
				storetest.Must(t, c.Update(ctx, to, func(s *bot.Session) error {
					s.Recent = []bot.Turn{{From: bot.SpeakerPerson, Text: "my order QZ-804217", At: now}}
					return nil
				}))
			}
			if raw, ok := c.warm.get(key, time.Now()); !ok || !strings.Contains(raw, "QZ-804217") {
				t.Fatalf("C's warm cache before /forget: %v; want the session it saved", ok)
			}
			// Sweeps before the /forget leave it, and an idle sweep costs
			// the one command it did (the second: the first loads the script).
			for i := range 2 {
				before := c.CommandsSent()
				if _, err := c.Due(ctx, time.Now(), 64); err != nil {
					t.Fatal(err)
				}
				if n := c.CommandsSent() - before; i == 1 && n != 1 {
					t.Errorf("an idle sweep sent %d commands, want 1 (the index read, with the notes)", n)
				}
			}
			if _, ok := c.warm.get(key, time.Now()); !ok {
				t.Fatal("a sweep dropped a conversation nobody forgot")
			}

			storetest.Must(t, b.Update(ctx, a, func(s *bot.Session) error {
				*s = bot.Session{Version: s.Version, Forgotten: true, OutSeq: s.OutSeq, Seen: []string{"tg:9"}, ForgetMark: 9}
				bot.Queue(s, []bot.Reply{{Text: "forgotten"}}, now)
				return nil
			}))
			if _, err := c.Due(ctx, time.Now(), 64); err != nil {
				t.Fatal(err)
			}
			if _, ok := c.warm.get(key, time.Now()); ok {
				t.Error("C's warm cache still holds the forgotten session after its sweep")
			}
			if _, ok := c.warm.get(c.sessionKey(other), time.Now()); !ok {
				t.Error("C's sweep dropped another conversation")
			}
			if _, ok := b.warm.get(key, time.Now()); ok {
				t.Error("B's warm cache holds the tombstone")
			}
			// C's next turn there starts from the tombstone, not from memory.
			var ran []bool
			err := c.Update(ctx, a, func(s *bot.Session) error {
				ran = append(ran, s.Forgotten && len(s.Recent) == 0)
				return errReadOnly
			})
			if !errors.Is(err, errReadOnly) || !slices.Equal(ran, []bool{true}) {
				t.Errorf("C's next turn: %v, runs on the tombstone %v; want one run, on the tombstone", err, ran)
			}
		})
	}
}

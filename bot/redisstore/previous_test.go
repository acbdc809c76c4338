package redisstore

import (
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestReadsPreviousBinarySessions: a session the previous release saved
// (its bytes are frozen in sessioncodec's testdata) carries on after an
// upgrade with its care signals, and is saved again in a form this release
// reads back the same.
func TestReadsPreviousBinarySessions(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../internal/sessioncodec/testdata/previous.hex")
	if err != nil {
		t.Fatal(err)
	}
	body, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url})
	rdb := plainClient(t, url)
	a := bot.Address{Platform: "p", Chat: "c", User: "previous"}
	must(t, rdb.Set(t.Context(), s.sessionKey(a), "12:\x01"+string(body), time.Hour).Err())
	want := bot.Signals{Distress: true, Anxiety: true, Vulnerable: []string{"senior"}}
	for round := range 2 { // as the previous release wrote it, then as this one saved it
		err := s.Update(t.Context(), a, func(sess *bot.Session) error {
			if diff := cmp.Diff(want, sess.Signals); diff != "" {
				t.Errorf("round %d: signals (-want +got):\n%s", round, diff)
			}
			if sess.Flow != "order_problem" || sess.Step != "ask_order" || sess.Slots["issue"] != "late" || len(sess.Recent) != 2 {
				t.Errorf("round %d: the conversation was not resumed where it was: %s/%s %v, %d turns", round, sess.Flow, sess.Step, sess.Slots, len(sess.Recent))
			}
			return nil
		})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}

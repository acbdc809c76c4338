package slack

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
)

// TestPeerWaitEndTurnFails24: the turn that tells the person nobody came
// fails (the engine could not store it: a store error, the turn's
// deadline), for an ordinary request and for a colleague in crisis.
// Before, the wait ended all the same (the runner calls Stored after a
// failed turn too): the person heard "something went wrong" and never
// that nobody came, and an ordinary request was closed for good, so no
// colleague could come either. Now the wait stays leased and is ended
// again when its lease ends: the person hears once that nobody came.
func TestPeerWaitEndTurnFails24(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		priority bot.Priority
	}{{"ordinary", bot.PriorityNormal}, {"urgent", bot.PriorityUrgent}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := slackfake.New(t)
			cfg := testConfig(t, fake, newClaimer(0))
			cfg.PeerWait = 50 * time.Millisecond
			var failed atomic.Int32
			rec := &bottest.Handler{Fn: func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
				if m.Event == bot.EventHandoffTimeout && failed.Add(1) == 1 {
					return nil, errScripted
				}
				if m.Event == "" {
					return []bot.Reply{{Text: "I'm asking a colleague who can listen.",
						Handoff: &bot.Handoff{ID: "h1", Queue: "peer", Priority: tt.priority}}}, nil
				}
				return peerScript(ctx, m)
			}}
			p := startProcess(t, cfg, rec)
			p.event(t, "Ev1", slackfake.DM("DREQ0000001", "UREQ0000001", "talk", "1700000000.000100"))
			fake.Wait(t, "the person told nobody was free", func() bool {
				for _, m := range fake.Messages("DREQ0000001") {
					if m.Text == "Nobody was free, I'm sorry." {
						return true
					}
				}
				return false
			})
			if n := failed.Load(); n < 2 {
				t.Errorf("the end of the wait was heard %d times, want the failed turn and the one after", n)
			}
			// The failed turn, done again, says nothing of itself: the
			// person did not write, and would hear "something went
			// wrong" at every lease while it fails.
			if got := textsIn(fake, "DREQ0000001"); len(got) != 2 {
				t.Errorf("the person read %q, want the request and nobody free", got)
			}
		})
	}
}

package bot_test

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// TestForgetStaysForgotten: "forget me" leaves nothing stored about the
// person, whatever their last delivery was doing. The delivery's marks are
// store updates of the conversation too: one written after /forget (the
// last burst's, kept pending for Flush; one of a delivery still under way)
// recreated an empty session for the whole session TTL. A mark never
// creates a session, /forget's tombstone carries the mark this replica
// keeps pending, and the tombstone goes once its confirmation is marked.
func TestForgetStaysForgotten(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		newReplica := func(name string, out bot.Outlet, flush time.Duration) (*bot.Engine, *bot.Deliverer) {
			s := newStore()
			d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Index: s, Outlet: out, Owner: name, Flush: flush})
			if err != nil {
				t.Fatal(err)
			}
			return newEngine(t, s, func(c *bot.Config) { c.Deliverer = d }), d
		}
		say := func(t *testing.T, e *bot.Engine, a bot.Address, id, text string) {
			t.Helper()
			if _, err := e.HandleMessage(t.Context(), bot.Message{ID: id, From: a, Text: text, Lang: "en"}); err != nil {
				t.Fatal(err)
			}
		}
		// forgetOnR1 has r2 deliver a reply to chat, its mark kept
		// pending for flush, then sends /forget to r1.
		forgetOnR1 := func(t *testing.T, chat string, flush time.Duration) (*bot.Deliverer, *bot.Deliverer, bot.Address) {
			t.Helper()
			p := newPlatform()
			e1, d1 := newReplica("r1", bot.Outlets{"telegram": &outlet{p: p}}, flush)
			e2, d2 := newReplica("r2", bot.Outlets{"telegram": &outlet{p: p}}, flush)
			a := bot.Address{Platform: "telegram", Chat: chat, User: "1"}
			say(t, e2, a, "1", "hello")
			wait.Until(t, "r2's delivery to end with its mark pending", func() bool { return bot.MarkPending(d2, a) })
			say(t, e1, a, "2", "/forget")
			return d1, d2, a
		}
		gone := func(t *testing.T, a bot.Address) {
			t.Helper()
			if s := session(t, newStore(), a); s.Version != 0 {
				t.Errorf("after /forget and the delivery's last mark: a session is stored (version %d, outbox %d, lease %+v), want none", s.Version, len(s.Outbox), s.Lease)
			}
		}

		t.Run("pending_mark_here", func(t *testing.T) {
			// The mark waits a second for a next turn: /forget's
			// tombstone carries it, as a turn would; the mark pending
			// afterwards is the confirmation's.
			p := newPlatform()
			e, d := newReplica("r1", bot.Outlets{"telegram": &outlet{p: p}}, time.Second)
			a := bot.Address{Platform: "telegram", Chat: "here", User: "1"}
			say(t, e, a, "1", "hello")
			wait.Until(t, "the delivery to end with its mark pending", func() bool { return bot.MarkPending(d, a) })
			greeted := len(p.texts(a))
			say(t, e, a, "2", "/forget")
			d.Wait()
			gone(t, a)
			if got := p.texts(a)[greeted:]; len(got) != 1 {
				t.Errorf("after the greeting the person saw %q, want the confirmation alone", got)
			}
		})

		t.Run("pending_mark_on_another_replica", func(t *testing.T) {
			// The person's replies went out from r2; /forget lands on r1,
			// which cannot drop r2's pending mark: the mark itself must
			// not recreate the session.
			_, d2, a := forgetOnR1(t, "there", time.Second)
			d2.Wait()
			gone(t, a)
		})

		t.Run("shutdown_and_sweep_after_forget", func(t *testing.T) {
			// r2 stops with its mark pending after /forget on r1 (its
			// Shutdown writes pending marks and hands the confirmation,
			// queued behind them, over), and a sweeper is pointed at the
			// forgotten conversation: it sends the confirmation, and the
			// mark of that (written by r1's Shutdown: Flush is an hour)
			// deletes the tombstone. Nothing is left stored.
			d1, d2, a := forgetOnR1(t, "stopping", time.Hour)
			if err := d2.Shutdown(t.Context()); err != nil {
				t.Fatal(err)
			}
			d1.Start(t.Context(), a, nil)
			wait.Until(t, "r1 to send the confirmation", func() bool { return bot.MarkPending(d1, a) })
			if err := d1.Shutdown(t.Context()); err != nil {
				t.Fatal(err)
			}
			gone(t, a)
		})

		t.Run("delivery_under_way", func(t *testing.T) {
			// /forget while a reply is being sent: the marks that follow
			// (before a paused reply, and the last one) find no session.
			out := &gateOutlet{sending: make(chan struct{}, 16), release: make(chan struct{})}
			e, d := newReplica("r1", out, 10*time.Millisecond)
			a := bot.Address{Platform: "telegram", Chat: "sending", User: "1"}
			say(t, e, a, "1", "hello")
			recv(t, "the first reply to be sent", out.sending)
			say(t, e, a, "2", "/forget")
			close(out.release) // every send returns at once from now on
			d.Wait()
			gone(t, a)
		})
	})
}

package slack

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
)

// peerScript is a handler standing for the engine's peer-support flow.
func peerScript(_ context.Context, m bot.Message) ([]bot.Reply, error) {
	switch m.Event {
	case bot.EventHandoffClosed:
		return []bot.Reply{{Text: "You are now connected with a colleague."}}, nil
	case bot.EventHandoffTimeout:
		return []bot.Reply{{Text: "Nobody was free, I'm sorry.", Choices: []bot.Choice{{ID: "9:breathe", Label: "Breathing pause"}}}}, nil
	}
	if m.Text == "silent" {
		return []bot.Reply{{Handoff: &bot.Handoff{ID: "h1", Queue: "peer"}}}, nil
	}
	return []bot.Reply{{Text: "I'm asking a colleague who can listen.", Handoff: &bot.Handoff{ID: "h1", Queue: "peer", Reason: "peer support"}}}, nil
}

func events(r *bottest.Handler) []string {
	var out []string
	for _, m := range r.Messages() {
		if m.Event != "" {
			out = append(out, m.From.Chat+" "+m.From.User+" "+string(m.Event)+" "+m.ID)
		}
	}
	return out
}

// TestPeerVolunteersRace: two volunteers press "I can listen" at the same
// moment, on two carebot processes: exactly one is connected with the
// person, the request shows it is taken, and everyone else is told so.
func TestPeerVolunteersRace(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	claimer := newClaimer(2)
	rec := &bottest.Handler{Fn: peerScript}
	a := startProcess(t, testConfig(t, fake, claimer), rec)
	b := startProcess(t, testConfig(t, fake, claimer), rec)

	a.event(t, "Ev1", slackfake.DM("DREQ0000001", "UREQ0000001", "I'd like to talk to a colleague", "1700000000.000100"))
	req := fake.WaitMessages(t, peerChan, 1)[0]
	if d1 := fake.Messages("DREQ0000001"); len(d1) != 1 || d1[0].Text != "I'm asking a colleague who can listen." {
		t.Errorf("requester told %v", textsIn(fake, "DREQ0000001"))
	}
	// Anonymous: nothing in the request names or points to the person.
	for _, s := range []string{req.Text, string(req.Blocks)} {
		if strings.Contains(s, "UREQ0000001") || strings.Contains(s, "DREQ0000001") {
			t.Fatalf("request reveals the requester: %s", s)
		}
	}
	listen := req.Button(t, "I can listen")

	concurrently(
		func() { a.press(t, "U2", req, listen) },
		func() { b.press(t, "U3", req, listen) },
	)
	fake.Wait(t, "one group DM and one 'taken' note", func() bool {
		return len(fake.Calls("conversations.open")) >= 1 && len(fake.Ephemerals()) >= 1 && len(fake.Messages("DREQ0000001")) >= 2
	})
	if got := claimer.owners(); len(got) != 2 {
		t.Fatalf("claims = %v, want both volunteers'", got)
	}
	opens := fake.Calls("conversations.open")
	if len(opens) != 1 {
		t.Fatalf("%d group DMs opened, want exactly 1", len(opens))
	}
	users := strings.Split(opens[0].Params.Get("users"), ",")
	if len(users) != 2 || users[0] != "UREQ0000001" || (users[1] != "U2" && users[1] != "U3") {
		t.Fatalf("group DM with %v", users)
	}
	winner := users[1]
	loser := map[string]string{"U2": "U3", "U3": "U2"}[winner]
	eph := fake.Ephemerals()
	if len(eph) != 1 || eph[0].User != loser || eph[0].Text != escape(text(t, "en", txtPeerWasTaken)) || eph[0].Channel != peerChan {
		t.Errorf("ephemerals = %+v, want one 'taken' note for %s", eph, loser)
	}

	// The group DM greets both.
	var group string
	for _, m := range fake.Messages("") {
		if strings.HasPrefix(m.Channel, "GMPIM") {
			group = m.Channel
			if !strings.Contains(m.Text, "<@UREQ0000001>") || !strings.Contains(m.Text, "<@"+winner+">") {
				t.Errorf("intro = %q", m.Text)
			}
		}
	}
	if members := fake.GroupMembers(group); !slices.Contains(members, "UREQ0000001") || !slices.Contains(members, winner) || slices.Contains(members, loser) {
		t.Errorf("group DM members = %v", members)
	}

	// The request shows it is taken, without a button.
	fake.Wait(t, "request updated", func() bool { return fake.Messages(peerChan)[0].Updates > 0 })
	req = fake.Messages(peerChan)[0]
	if len(req.Buttons()) != 0 || !strings.Contains(req.Text, "A colleague is listening") {
		t.Errorf("request now reads %q with %d buttons", req.Text, len(req.Buttons()))
	}
	if strings.Contains(req.Text+string(req.Blocks), "UREQ0000001") {
		t.Errorf("taken request reveals the requester: %s", req.Blocks)
	}

	// The engine heard the hand-off closed, in the requester's conversation,
	// and its reply reached them.
	if diff := cmp.Diff([]string{"DREQ0000001 UREQ0000001 handoff_closed peer:h1:handoff_closed"}, events(rec)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if got := textsIn(fake, "DREQ0000001"); got[1] != "You are now connected with a colleague." {
		t.Errorf("requester told %v", got)
	}

	// Later presses: a latecomer, and the person pressing their own request.
	a.press(t, "U4", fake.Messages(peerChan)[0], listen)
	b.press(t, "UREQ0000001", fake.Messages(peerChan)[0], listen)
	fake.Wait(t, "late notes", func() bool { return len(fake.Ephemerals()) == 3 })
	notes := map[string]string{}
	for _, e := range fake.Ephemerals()[1:] {
		notes[e.User] = e.Text
	}
	want := map[string]string{"U4": escape(text(t, "en", txtPeerWasTaken)), "UREQ0000001": escape(text(t, "en", txtPeerOwn))}
	if diff := cmp.Diff(want, notes); diff != "" {
		t.Errorf("late notes (-want +got):\n%s", diff)
	}
	if n := len(fake.Calls("conversations.open")); n != 1 {
		t.Errorf("%d group DMs opened after late presses", n)
	}
}

// TestPeerNobody: nobody offers within PeerWait: the request closes, the
// person is told honestly (by the flow) and a late volunteer loses cleanly.
func TestPeerNobody(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	claimer := newClaimer(0)
	cfg := testConfig(t, fake, claimer)
	cfg.PeerWait = 50 * time.Millisecond
	rec := &bottest.Handler{Fn: peerScript}
	p := startProcess(t, cfg, rec)

	p.event(t, "Ev1", slackfake.DM("DREQ0000001", "UREQ0000001", "talk", "1700000000.000100"))
	req := fake.WaitMessages(t, peerChan, 1)[0]
	listen := req.Button(t, "I can listen")
	d1 := fake.WaitMessages(t, "DREQ0000001", 2)
	if d1[1].Text != "Nobody was free, I'm sorry." || len(d1[1].Buttons()) != 1 {
		t.Errorf("requester told %q with %d buttons", d1[1].Text, len(d1[1].Buttons()))
	}
	if diff := cmp.Diff([]string{"DREQ0000001 UREQ0000001 handoff_timeout peer:h1:handoff_timeout"}, events(rec)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	fake.Wait(t, "request closed", func() bool { return fake.Messages(peerChan)[0].Updates > 0 })
	if r := fake.Messages(peerChan)[0]; len(r.Buttons()) != 0 || r.Text != escape(text(t, "en", txtPeerClosed)) {
		t.Errorf("request reads %q with %d buttons", r.Text, len(r.Buttons()))
	}

	p.press(t, "U2", req, listen) // too late
	fake.Wait(t, "late note", func() bool { return len(fake.Ephemerals()) == 1 })
	if e := fake.Ephemerals()[0]; e.User != "U2" || e.Text != escape(text(t, "en", txtPeerWasClosed)) {
		t.Errorf("late volunteer told %+v", e)
	}
	if n := len(fake.Calls("conversations.open")); n != 0 {
		t.Errorf("a late volunteer was connected (%d group DMs)", n)
	}
	if got := claimer.owners(); !slices.Equal(got, []string{holderTimeout, "U2"}) {
		t.Errorf("claims = %v", got)
	}
}

// TestPeerRequestNotPosted: when the request cannot be posted (the bot is
// not in the peer channel, or no channel is configured) the person is not
// left waiting for nobody.
func TestPeerRequestNotPosted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		channel string
		fail    bool
	}{
		{"not_in_channel", peerChan, true},
		{"no_peer_channel", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := slackfake.New(t)
			if tt.fail {
				fake.Fail("chat.postMessage", slackfake.SlackError("not_in_channel"))
			}
			cfg := testConfig(t, fake, newClaimer(0))
			cfg.PeerChannel = tt.channel
			rec := &bottest.Handler{Fn: peerScript}
			p := startProcess(t, cfg, rec)
			p.event(t, "Ev1", slackfake.DM("DREQ0000001", "UREQ0000001", "silent", "1700000000.000100"))
			d1 := fake.WaitMessages(t, "DREQ0000001", 1)
			if !strings.HasPrefix(d1[0].Text, "Nobody was free") {
				t.Errorf("requester told %q", d1[0].Text)
			}
			if diff := cmp.Diff([]string{"DREQ0000001 UREQ0000001 handoff_timeout peer:h1:handoff_timeout"}, events(rec)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if n := len(fake.Calls("chat.postMessage")); tt.fail && n != 2 {
				t.Errorf("%d postMessage calls, want 2 (not_in_channel is not retried)", n)
			}
		})
	}
}

// TestPeerGroupDMFails: the winner cannot be connected (a missing scope):
// they are told, the request closes, and the person hears nobody is free.
func TestPeerGroupDMFails(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	fake.Fail("conversations.open", slackfake.SlackError("missing_scope"))
	rec := &bottest.Handler{Fn: peerScript}
	p := startProcess(t, testConfig(t, fake, newClaimer(0)), rec)
	p.event(t, "Ev1", slackfake.DM("DREQ0000001", "UREQ0000001", "talk", "1700000000.000100"))
	req := fake.WaitMessages(t, peerChan, 1)[0]
	p.press(t, "U2", req, req.Button(t, "I can listen"))
	fake.WaitMessages(t, "DREQ0000001", 2)
	if e := fake.Ephemerals(); len(e) != 1 || e[0].User != "U2" || e[0].Text != escape(text(t, "en", txtPeerFailed)) {
		t.Errorf("volunteer told %+v", e)
	}
	if diff := cmp.Diff([]string{"DREQ0000001 UREQ0000001 handoff_timeout peer:h1:handoff_timeout"}, events(rec)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	fake.Wait(t, "request closed", func() bool { return fake.Messages(peerChan)[0].Updates > 0 })
}

// TestPeerForgedButton: a value carebot did not seal connects nobody.
func TestPeerForgedButton(t *testing.T) {
	t.Parallel()
	fake, p := startHTTP(t, &bottest.Handler{Fn: peerScript})
	msg := slackfake.Message{Channel: peerChan, TS: "1700000000.000001"}
	p.press(t, "U2", msg, slackfake.Button{BlockID: blockListen, ActionID: actionListen, Value: `{"h":"h1","c":"DREQ0000001","u":"UREQ0000001"}`, Label: "I can listen"})
	fake.Wait(t, "note", func() bool { return len(fake.Ephemerals()) == 1 })
	if n := len(fake.Calls("conversations.open")); n != 0 {
		t.Errorf("forged press opened %d group DMs", n)
	}
}

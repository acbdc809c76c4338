package slack

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

func echo(_ context.Context, m bot.Message) ([]bot.Reply, error) {
	return []bot.Reply{{Text: "echo: " + m.Text}}, nil
}

func TestNewChecksConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"no_token", Config{SigningSecret: "s", Texts: bottest.MustFlows(t)}, false},
		{"no_transport", Config{BotToken: "xoxb", Texts: bottest.MustFlows(t)}, false},
		{"peer_without_claimer", Config{BotToken: "xoxb", AppToken: "xapp", PeerChannel: "C1", Texts: bottest.MustFlows(t)}, false},
		{"no_texts", Config{BotToken: "xoxb", SigningSecret: "s"}, false},
		{"http", Config{BotToken: "xoxb", SigningSecret: "s", Texts: bottest.MustFlows(t)}, true},
		{"socket", Config{BotToken: "xoxb", AppToken: "xapp", PeerChannel: "C1", Claimer: newClaimer(0), Peers: memstore.NewPeers(nil), Texts: bottest.MustFlows(t)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, err := New(tt.cfg)
			if (err == nil) != tt.ok {
				t.Fatalf("New: %v, want ok=%v", err, tt.ok)
			}
			if tt.ok && (a.cfg.PeerQueue != "peer" || a.cfg.PeerWait != DefaultPeerWait || a.cfg.DefaultLang != "en" || a.cfg.APIURL != "https://slack.com/api/") {
				t.Errorf("defaults not applied: %+v", a.cfg)
			}
		})
	}
}

func TestURLVerification(t *testing.T) {
	t.Parallel()
	_, p := startHTTP(t, &bottest.Handler{})
	res, err := p.send.Raw(t.Context(), slackfake.URLVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != http.StatusOK || res.Body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification = %d %q", res.Status, res.Body)
	}
	// An unsigned challenge is refused like anything else.
	res, _ = p.send.Raw(t.Context(), slackfake.URLVerification("x"), slackfake.SignedWith("wrong"))
	if res.Status != http.StatusUnauthorized {
		t.Errorf("forged url_verification = %d", res.Status)
	}
}

// TestSignatureRefused: a bad signature and a stale timestamp get 401 and
// are never processed; a good request afterwards is.
func TestSignatureRefused(t *testing.T) {
	t.Parallel()
	rec := &bottest.Handler{Fn: echo}
	fake, p := startHTTP(t, rec)

	tests := []struct {
		name string
		opts []slackfake.SendOption
	}{
		{"bad_signature", []slackfake.SendOption{slackfake.SignedWith("not-the-secret")}},
		{"stale_timestamp", []slackfake.SendOption{slackfake.At(time.Now().Add(-6 * time.Minute))}},
		{"future_timestamp", []slackfake.SendOption{slackfake.At(time.Now().Add(6 * time.Minute))}},
	}
	for i, tt := range tests {
		res, err := p.send.Event(t.Context(), fmt.Sprintf("EvBad%d", i), slackfake.DM("D1", "U1", "forged", fmt.Sprintf("1700000000.00000%d", i)), tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != http.StatusUnauthorized {
			t.Errorf("%s: event status %d, want 401", tt.name, res.Status)
		}
		msg := slackfake.Message{Channel: "D1", TS: "1700000000.000001"}
		res, err = p.send.Interaction(t.Context(), slackfake.Press("U1", msg, slackfake.Button{BlockID: "cb_choices_0", ActionID: "cb_choice_0", Value: "x", Label: "X"}), tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != http.StatusUnauthorized {
			t.Errorf("%s: interaction status %d, want 401", tt.name, res.Status)
		}
	}
	// Missing headers altogether.
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, p.send.EventsURL, strings.NewReader(`{"type":"event_callback"}`))
	res, err := p.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned: status %d", res.StatusCode)
	}

	p.event(t, "EvGood", slackfake.DM("D1", "U1", "real", "1700000001.000000"))
	fake.WaitMessages(t, "D1", 1)
	got := rec.Messages()
	if len(got) != 1 || got[0].Text != "real" {
		t.Errorf("handler saw %+v, want only the signed message", got)
	}
	if n := len(fake.Calls("chat.update")); n != 0 {
		t.Errorf("%d chat.update calls from refused presses", n)
	}
}

// TestRetriedEventHandledOnce: Slack's retries of an event (same event_id,
// X-Slack-Retry-Num), even while the first delivery is still being
// answered, are acknowledged and handled once.
func TestRetriedEventHandledOnce(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	rec := &bottest.Handler{Fn: func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		if m.Text == "first" {
			<-release
		}
		return echo(ctx, m)
	}}
	fake, p := startHTTP(t, rec)

	ev := slackfake.DM("D1", "U1", "first", "1700000000.000100")
	p.event(t, "Ev1", ev)
	waitHandled(t, fake, rec, 1) // in flight
	p.event(t, "Ev1", ev, slackfake.Retry(1))
	p.event(t, "Ev1", ev, slackfake.Retry(2))
	close(release)
	p.event(t, "Ev2", slackfake.DM("D1", "U1", "second", "1700000000.000200"))
	fake.WaitMessages(t, "D1", 2)
	p.event(t, "Ev1", ev, slackfake.Retry(3)) // after it was answered
	p.event(t, "Ev3", slackfake.DM("D1", "U1", "third", "1700000000.000300"))
	fake.WaitMessages(t, "D1", 3)

	var got []string
	for _, m := range rec.Messages() {
		got = append(got, m.ID+" "+m.Text)
	}
	want := []string{"1700000000.000100 first", "1700000000.000200 second", "1700000000.000300 third"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"echo: first", "echo: second", "echo: third"}, textsIn(fake, "D1")); diff != "" {
		t.Errorf("replies (-want +got):\n%s", diff)
	}
}

// TestIgnored: the bot's own messages, other bots', deletions and
// unknown events are acknowledged and never handled; an edit is handed on
// as an event.
func TestIgnored(t *testing.T) {
	t.Parallel()
	rec := &bottest.Handler{Fn: echo}
	fake, p := startHTTP(t, rec)

	p.event(t, "EvOwn", slackfake.BotDM("D1", "echo: hi", "1700000000.000100"))
	other := slackfake.DM("D1", "U9", "beep", "1700000000.000200")
	other["bot_id"] = "BOTHER"
	p.event(t, "EvBot", other)
	p.event(t, "EvEdit", slackfake.Edited("D1", "U1", "changed", "1700000000.000300"))
	p.event(t, "EvDel", map[string]any{"type": "message", "subtype": "message_deleted", "channel": "D1", "channel_type": "im",
		"hidden": true, "deleted_ts": "1700000000.000300", "ts": "1700000000.000400"})
	p.event(t, "EvUnknown", map[string]any{"type": "some_future_event", "ts": "1"})
	p.event(t, "EvReal", slackfake.DM("D1", "U1", "hi", "1700000000.000500"))
	// An edit reaches the engine as EventPersonEdited, which answers
	// none (during a hand-off its words go to the team's thread); this
	// echo handler answers it and "hi", in order.
	fake.WaitMessages(t, "D1", 2)
	var got []string
	for _, m := range rec.Messages() {
		got = append(got, string(m.Event)+" "+m.Text)
	}
	if diff := cmp.Diff([]string{"person_edited changed", " hi"}, got); diff != "" {
		t.Errorf("handler saw (-want +got):\n%s", diff)
	}
}

// TestDMConversationWithButtons: a DM, a question with buttons, a press:
// the question loses its buttons and shows the choice, the press reaches
// the handler as a Choice, with the user's locale; a double click counts once.
func TestDMConversationWithButtons(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	fake.SetLocale("U1", "fr-FR")
	rec := &bottest.Handler{Fn: func(_ context.Context, m bot.Message) ([]bot.Reply, error) {
		switch {
		case m.Choice == "1:talk":
			return []bot.Reply{{Text: "D'accord, parlons."}}, nil
		case m.Choice != "":
			return []bot.Reply{{Text: "unexpected " + m.Choice}}, nil
		default:
			return []bot.Reply{{Text: "Bonjour <@U1> & bienvenue. Que voulez-vous faire ?", Choices: []bot.Choice{
				{ID: "1:talk", Label: "Parler"}, {ID: "1:breathe", Label: "Respirer"},
			}}}, nil
		}
	}}
	p := startProcess(t, testConfig(t, fake, newClaimer(0)), rec)

	p.event(t, "Ev1", slackfake.DM("D1", "U1", "salut", "1700000000.000100"))
	q := fake.WaitMessages(t, "D1", 1)[0]
	if q.Text != "Bonjour &lt;@U1&gt; &amp; bienvenue. Que voulez-vous faire ?" {
		t.Errorf("question text = %q", q.Text)
	}
	if got := len(q.Buttons()); got != 2 {
		t.Fatalf("question has %d buttons", got)
	}
	b := q.Button(t, "Parler")
	p.press(t, "U1", q, b)
	p.press(t, "U1", q, b) // double click
	fake.WaitMessages(t, "D1", 2)
	fake.Wait(t, "question updated", func() bool { return fake.Messages("D1")[0].Updates > 0 })

	got := fake.Messages("D1")
	if n := len(got[0].Buttons()); n != 0 {
		t.Errorf("answered question still has %d buttons", n)
	}
	if bt := got[0].BlockText(); !strings.Contains(bt, "Que voulez-vous faire") || !strings.Contains(bt, "✓ *Parler*") {
		t.Errorf("answered question reads %q", bt)
	}
	if got[1].Text != "D'accord, parlons." {
		t.Errorf("answer = %q", got[1].Text)
	}
	msgs := rec.Messages()
	if len(msgs) != 2 {
		t.Fatalf("handler saw %d messages, want 2 (the double click counts once)", len(msgs))
	}
	// The press is ordered among the DM's messages by its action_ts.
	if o := msgs[1].Order; o <= msgs[0].Order {
		t.Errorf("press order %d, want it after the message's %d", o, msgs[0].Order)
	}
	want := bot.Message{ID: "press:" + q.TS, Order: msgs[1].Order, From: bot.Address{Platform: "slack", Chat: "D1", User: "U1"}, Choice: "1:talk", Lang: "fr-FR"}
	if diff := cmp.Diff(want, msgs[1], cmpIgnoreAt); diff != "" {
		t.Errorf("press message (-want +got):\n%s", diff)
	}
	if msgs[0].Lang != "fr-FR" {
		t.Errorf("lang = %q, want the Slack locale", msgs[0].Lang)
	}
	if n := len(fake.Calls("users.info")); n != 1 {
		t.Errorf("users.info called %d times, want 1 (cached)", n)
	}
	if n := len(fake.Calls("chat.update")); n != 1 {
		t.Errorf("chat.update called %d times, want 1", n)
	}
}

var cmpIgnoreAt = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".At" }, cmp.Ignore())

// TestDefaultLang: without a Slack locale the configured default is used.
func TestDefaultLang(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	fake.Fail("users.info", slackfake.SlackError("missing_scope"))
	rec := &bottest.Handler{Fn: echo}
	cfg := testConfig(t, fake, newClaimer(0))
	cfg.DefaultLang = "fr"
	p := startProcess(t, cfg, rec)
	p.event(t, "Ev1", slackfake.DM("D1", "U1", "a", "1700000000.000100"))
	p.event(t, "Ev2", slackfake.DM("D2", "U2", "b", "1700000000.000200"))
	fake.WaitMessages(t, "", 2)
	for _, m := range rec.Messages() {
		if m.Lang != "fr" {
			t.Errorf("%s: lang %q, want the default", m.From.User, m.Lang)
		}
	}
}

// TestMentionInChannel: a mention in a channel is answered in a thread,
// and buttons there answer only the person who asked.
func TestMentionInChannel(t *testing.T) {
	t.Parallel()
	rec := &bottest.Handler{Fn: func(_ context.Context, m bot.Message) ([]bot.Reply, error) {
		if m.Choice != "" {
			return []bot.Reply{{Text: "chosen " + m.Choice}}, nil
		}
		return []bot.Reply{{Text: "Shall we?", Choices: []bot.Choice{{ID: "yes", Label: "Yes"}}}}, nil
	}}
	fake, p := startHTTP(t, rec)

	p.event(t, "Ev1", slackfake.Mention("C1", "U1", "hello", "1700000000.000100", ""))
	q := fake.WaitMessages(t, "C1", 1)[0]
	if q.ThreadTS != "1700000000.000100" {
		t.Errorf("reply thread_ts = %q, want the mention's ts", q.ThreadTS)
	}
	if got := rec.Messages()[0]; got.From.Chat != "C1:1700000000.000100" || got.Text != "hello" {
		t.Errorf("message = %+v", got)
	}
	b := q.Button(t, "Yes")
	p.press(t, "U2", q, b) // a bystander
	fake.Wait(t, "ephemeral note", func() bool { return len(fake.Ephemerals()) == 1 })
	if e := fake.Ephemerals()[0]; e.User != "U2" || e.Text != text(t, "en", txtNotForYou) || e.ThreadTS != q.ThreadTS {
		t.Errorf("ephemeral = %+v", e)
	}
	p.press(t, "U1", q, b)
	msgs := fake.WaitMessages(t, "C1", 2)
	if msgs[1].Text != "chosen yes" || msgs[1].ThreadTS != q.ThreadTS {
		t.Errorf("answer = %+v", msgs[1])
	}
	if got := rec.Messages(); len(got) != 2 || got[1].From.User != "U1" || got[1].From.Chat != "C1:1700000000.000100" {
		t.Errorf("handler saw %+v", got)
	}
}

// TestOrdering: one conversation is answered in order while others go on.
func TestOrdering(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	rec := &bottest.Handler{Fn: func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		if m.Text == "slow" {
			<-release
		}
		return echo(ctx, m)
	}}
	fake, p := startHTTP(t, rec)

	p.event(t, "Ev1", slackfake.DM("D1", "U1", "slow", "1700000000.000100"))
	waitHandled(t, fake, rec, 1)
	p.event(t, "Ev2", slackfake.DM("D1", "U1", "after", "1700000000.000200"))
	p.event(t, "Ev3", slackfake.DM("D2", "U2", "other", "1700000000.000300"))
	fake.WaitMessages(t, "D2", 1) // not held up by D1
	if n := len(fake.Messages("D1")); n != 0 {
		t.Errorf("D1 answered out of order: %v", textsIn(fake, "D1"))
	}
	close(release)
	fake.WaitMessages(t, "D1", 2)
	if diff := cmp.Diff([]string{"echo: slow", "echo: after"}, textsIn(fake, "D1")); diff != "" {
		t.Errorf("D1 (-want +got):\n%s", diff)
	}
}

// TestHandlerFailures: an error without replies and a panic both give the
// person the fallback line, and the process goes on.
func TestHandlerFailures(t *testing.T) {
	t.Parallel()
	rec := &bottest.Handler{Fn: func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		switch m.Text {
		case "error":
			return nil, errScripted
		case "kind error":
			return []bot.Reply{{Text: "kind words"}}, errScripted
		case "panic":
			var p *bot.Reply
			return []bot.Reply{*p}, nil
		}
		return echo(ctx, m)
	}}
	fake, p := startHTTP(t, rec)
	for i, txt := range []string{"error", "kind error", "panic", "still here"} {
		p.event(t, fmt.Sprint("Ev", i), slackfake.DM("D1", "U1", txt, fmt.Sprintf("1700000000.00010%d", i)))
		fake.WaitMessages(t, "D1", i+1)
	}
	want := []string{escape(text(t, "en", flow.TextFallback)), "kind words", escape(text(t, "en", flow.TextFallback)), "echo: still here"}
	if diff := cmp.Diff(want, textsIn(fake, "D1")); diff != "" {
		t.Errorf("replies (-want +got):\n%s", diff)
	}
}

// TestSlackErrorsRetried: rate limits (after Retry-After), 5xx and dropped
// connections are retried and the reply still arrives; a setup error is
// reported and the next turn still works.
func TestSlackErrorsRetried(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	fake.Fail("chat.postMessage", slackfake.RateLimited(7), slackfake.Failure{Status: 503}, slackfake.Failure{Drop: true})
	rec := &bottest.Handler{Fn: echo}
	p := startProcess(t, testConfig(t, fake, newClaimer(0)), rec)

	p.event(t, "Ev1", slackfake.DM("D1", "U1", "hi", "1700000000.000100"))
	fake.WaitMessages(t, "D1", 1)
	var failed []string
	for _, c := range fake.Calls("chat.postMessage") {
		failed = append(failed, c.Failed)
	}
	if diff := cmp.Diff([]string{"ratelimited", "503", "drop", ""}, failed); diff != "" {
		t.Errorf("attempts (-want +got):\n%s", diff)
	}
	if w := p.sleeps.All(); len(w) != 3 || w[0] != 7*time.Second {
		t.Errorf("waits = %v, want Retry-After (7s) then two backoffs", w)
	}

	fake.Fail("chat.postMessage", slackfake.SlackError("channel_not_found"))
	p.event(t, "Ev2", slackfake.DM("D1", "U1", "lost", "1700000000.000200"))
	p.event(t, "Ev3", slackfake.DM("D1", "U1", "next", "1700000000.000300"))
	fake.WaitMessages(t, "D1", 2)
	if diff := cmp.Diff([]string{"echo: hi", "echo: next"}, textsIn(fake, "D1")); diff != "" {
		t.Errorf("replies (-want +got):\n%s", diff)
	}
	if n := len(fake.Calls("chat.postMessage")); n != 6 {
		t.Errorf("%d postMessage calls, want 6 (a setup error is not retried)", n)
	}
}

// TestPause: a reply's pause is waited, scaled.
func TestPause(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	cfg := testConfig(t, fake, newClaimer(0))
	cfg.PaceScale = 0.5
	rec := &bottest.Handler{Fn: func(context.Context, bot.Message) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "one"}, {Text: "two", Pause: 2 * time.Second}}, nil
	}}
	p := startProcess(t, cfg, rec)
	p.event(t, "Ev1", slackfake.DM("D1", "U1", "hi", "1700000000.000100"))
	fake.WaitMessages(t, "D1", 2)
	if diff := cmp.Diff([]time.Duration{time.Second}, p.sleeps.All()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

// TestSend: the desk can write to a conversation, threads included.
func TestSend(t *testing.T) {
	t.Parallel()
	fake, p := startHTTP(t, &bottest.Handler{})
	err := p.a.Send(t.Context(), bot.Address{Platform: "slack", Chat: "C1:1700000000.000100", User: "U1"},
		[]bot.Reply{{Text: "Hello from Ann"}, {Text: "Still there?", Choices: []bot.Choice{{ID: "y", Label: "Yes"}}}})
	if err != nil {
		t.Fatal(err)
	}
	got := fake.Messages("C1")
	if len(got) != 2 || got[0].ThreadTS != "1700000000.000100" || len(got[1].Buttons()) != 1 {
		t.Errorf("sent %+v", got)
	}
	if err := p.a.Send(t.Context(), bot.Address{Platform: "telegram", Chat: "1", User: "1"}, []bot.Reply{{Text: "x"}}); err == nil {
		t.Error("Send to another platform succeeded")
	}
	fake.Fail("chat.postMessage", slackfake.SlackError("not_in_channel"))
	if err := p.a.Send(t.Context(), bot.Address{Platform: "slack", Chat: "C2", User: "U1"}, []bot.Reply{{Text: "x"}}); err == nil || !strings.Contains(err.Error(), "not_in_channel") {
		t.Errorf("Send error = %v, want not_in_channel", err)
	}
}

// TestNotRunning: before Run, Slack is asked to send events again later.
func TestNotRunning(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	a, err := New(testConfig(t, fake, newClaimer(0)))
	if err != nil {
		t.Fatal(err)
	}
	srv := http.NewServeMux()
	srv.Handle("/e", a.EventsHandler())
	s := newTestServer(t, srv)
	send := slackfake.Sender{Secret: secret, EventsURL: s + "/e", Client: http.DefaultClient}
	res, err := send.Event(t.Context(), "Ev1", slackfake.DM("D1", "U1", "hi", "1700000000.000100"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", res.Status)
	}
}

// TestRunRefusedToken: a refused token ends Run with an error that says so.
func TestRunRefusedToken(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	cfg := testConfig(t, fake, newClaimer(0))
	cfg.BotToken = "xoxb-wrong"
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = a.Run(t.Context(), &bottest.Handler{})
	if err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Errorf("Run = %v, want invalid_auth", err)
	}
}

// TestRunStopsOnCancel: Run returns nil once ctx is done, after finishing
// the turn it had already acknowledged; Running (for /readyz) is false
// before Run and again from the cancel.
func TestRunStopsOnCancel(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	started := make(chan struct{})
	release := make(chan struct{})
	rec := &bottest.Handler{Fn: func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		close(started)
		<-release
		return echo(ctx, m)
	}}
	a, err := New(testConfig(t, fake, newClaimer(0)))
	if err != nil {
		t.Fatal(err)
	}
	if a.Running() {
		t.Error("Running before Run")
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, rec) }()
	fake.Wait(t, "running", a.Running)
	s := newTestServer(t, a.EventsHandler())
	send := slackfake.Sender{Secret: secret, EventsURL: s, Client: http.DefaultClient}
	if res, err := send.Event(t.Context(), "Ev1", slackfake.DM("D1", "U1", "hi", "1700000000.000100")); err != nil || res.Status != 200 {
		t.Fatalf("event: %v %v", res, err)
	}
	<-started
	cancel()
	fake.Wait(t, "stopping", func() bool { return !a.Running() })
	res, err := send.Event(t.Context(), "Ev2", slackfake.DM("D1", "U1", "late", "1700000000.000200"))
	if err != nil || res.Status != http.StatusServiceUnavailable {
		t.Errorf("event after cancel: %v %v, want 503", res, err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
	if diff := cmp.Diff([]string{"echo: hi"}, textsIn(fake, "D1")); diff != "" {
		t.Errorf("the acknowledged turn was not finished (-want +got):\n%s", diff)
	}
}

func newTestServer(t *testing.T, h http.Handler) string {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s.URL
}

// concurrently runs fns at the same moment and waits for them.
func concurrently(fns ...func()) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, fn := range fns {
		wg.Go(func() {
			<-start
			fn()
		})
	}
	close(start)
	wg.Wait()
}

// TestSlashCommand: /peer typed in a channel starts the conversation in
// the person's DM with the bot, never in the channel.
func TestSlashCommand(t *testing.T) {
	t.Parallel()
	rec := &bottest.Handler{Fn: echo}
	fake, p := startHTTP(t, rec)
	for i, txt := range []string{"", "now"} {
		res, err := p.send.Command(t.Context(), "/peer", txt, "U5", "CGENERAL")
		if err != nil || res.Status != http.StatusOK || res.Body != "" {
			t.Fatalf("command: %+v %v", res, err)
		}
		fake.WaitMessages(t, "DU5", i+1)
	}
	if diff := cmp.Diff([]string{"echo: /peer", "echo: /peer now"}, textsIn(fake, "DU5")); diff != "" {
		t.Errorf("DM (-want +got):\n%s", diff)
	}
	if n := len(fake.Messages("CGENERAL")); n != 0 {
		t.Errorf("%d messages in the channel where the command was typed", n)
	}
	if n := len(fake.Calls("conversations.open")); n != 1 {
		t.Errorf("conversations.open called %d times, want 1 (cached)", n)
	}
	if got := rec.Messages(); got[0].From != (bot.Address{Platform: "slack", Chat: "DU5", User: "U5"}) || !strings.HasPrefix(got[0].ID, "cmd:") {
		t.Errorf("message = %+v", got[0])
	}
	res, err := p.send.Command(t.Context(), "/peer", "", "U5", "CGENERAL", slackfake.SignedWith("forged"))
	if err != nil || res.Status != http.StatusUnauthorized {
		t.Errorf("forged command: %+v %v", res, err)
	}
}

// TestRunRetriesUnreachableSlack: Slack down at start (5xx, dropped
// connections, more than one call's retries) is waited out, not fatal.
func TestRunRetriesUnreachableSlack(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	for range 3 {
		fake.Fail("auth.test", slackfake.Failure{Status: 503}, slackfake.Failure{Drop: true})
	}
	rec := &bottest.Handler{Fn: echo}
	p := startProcess(t, testConfig(t, fake, newClaimer(0)), rec)
	if n := len(fake.Calls("auth.test")); n != 7 {
		t.Errorf("auth.test called %d times, want 7", n)
	}
	p.event(t, "Ev1", slackfake.DM("D1", "U1", "hi", "1700000000.000100"))
	fake.WaitMessages(t, "D1", 1)
}

package main

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/config"
)

// TestNoPeerChannelPromisesNoColleague: carebot serve with Slack but no
// peer channel (SLACK_PEER_CHANNEL unset) has no colleague to alert. A
// colleague in danger gets the safety message and is never told that
// colleagues were alerted: before, the engine counted the peer queue as
// served whenever Slack ran, said "I have alerted the colleagues in the
// peer-support channel…", and took it back when the post failed
// (review23's EventHandoffUnposted): a promise made to a person in danger,
// then withdrawn. With the channel set, the alert is said as before.
func TestNoPeerChannelPromisesNoColleague(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, channel string
		alerted       bool
	}{
		{"no_channel", "", false},
		{"channel", "C0PEER", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := config.Load(envMap(map[string]string{
				"SLACK_BOT_TOKEN":    "xoxb-test",
				"SLACK_APP_TOKEN":    "xapp-test",
				"SLACK_PEER_CHANNEL": tt.channel,
			}))
			if err != nil {
				t.Fatal(err)
			}
			a, err := newApp(t.Context(), cfg, slog.New(slog.NewTextHandler(t.Output(), nil)), t.Output(), withDesk(deskServe))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(a.Close)
			from := bot.Address{Platform: "slack", Chat: "D1", User: "U1"}
			replies, err := a.engine.HandleMessage(t.Context(), bot.Message{ID: "1", From: from, Text: "I want to kill myself", Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for _, r := range replies {
				got.WriteString(r.Text + "\n")
			}
			if !strings.Contains(got.String(), "Your safety matters") {
				t.Errorf("no safety message:\n%s", got.String())
			}
			if alerted := strings.Contains(got.String(), "alerted the colleagues"); alerted != tt.alerted {
				t.Errorf("colleagues said alerted %v, want %v:\n%s", alerted, tt.alerted, got.String())
			}
		})
	}
}

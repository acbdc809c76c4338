package sessioncodec_test

import (
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/internal/sessioncodec"
)

// previous is the session whose encoding by the previous carebot release is
// frozen in testdata/previous.hex: a senior in distress, mid-question, with
// a hand-off closed and a few turns of history. One slot per map keeps the
// frozen bytes independent of map order.
func previous() bot.Session {
	t0 := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	return bot.Session{
		Version:    12,
		Lang:       "fr",
		LangChosen: true,
		Flow:       "order_problem",
		Step:       "ask_order",
		Stack:      []bot.Frame{{Flow: "welcome", Step: "menu"}},
		Slots:      map[string]string{"issue": "late"},
		Ask:        4,
		Signals:    bot.Signals{Distress: true, Anxiety: true, Vulnerable: []string{"senior"}},
		Acked:      true,
		Recent: []bot.Turn{
			{From: bot.SpeakerPerson, Text: "j'ai 82 ans et mon colis n'arrive pas", At: t0},
			{From: bot.SpeakerBot, Text: "Quel est votre numéro de commande ?", At: t0.Add(time.Second)},
		},
		Seen:    []string{"m1", "m2"},
		Created: t0,
		Updated: t0.Add(time.Second),
	}
}

// TestDecodesPreviousVersion reads bytes that the previous release wrote
// (redisstore keeps them for up to the session TTL): an upgrade must not
// lose a conversation, nor the care signals it holds. The file is frozen:
// never regenerate it; a format change adds a new file next to it.
func TestDecodesPreviousVersion(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/previous.hex")
	if err != nil {
		t.Fatal(err)
	}
	data, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var got bot.Session
	if err := sessioncodec.Decode(data, &got, 2); err != nil {
		t.Fatalf("decode the previous release's session: %v", err)
	}
	if diff := cmp.Diff(previous(), got); diff != "" {
		t.Errorf("previous release's session decoded as (-want +got):\n%s", diff)
	}
}

package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestStrangersCrisisPreempts: danger to life said the way strangers to
// the lexicon said it (crisis14en: the retired blind sets' constructions,
// here in other words), in the middle of a flow, pre-empts it: the
// safety message, then the alert with the urgent hand-off. The learned
// signal hears someone else's goodbye and a veiled ending no entry holds;
// the lexicon, an ending set for tonight. A move told with a goodbye stays
// in its flow (bot/nlu TestLearnedCrisisStrangersWording,
// TestCrisisStrangersConstructions; it was a crisis before).
func TestStrangersCrisisPreempts(t *testing.T) {
	t.Parallel()
	alert := bottest.MustFlows(t).Common.Messages[flow.MsgCrisisAlert].ByLang
	tests := []struct {
		name, start, text string
		crisis            bool
	}{
		{"other_learned", "my parcel is late", "my brother texted me thanks for everything and now his phone is off, he's been so low", true},
		{"goodbye_learned", "i was charged twice", "i've given my games console and all my clothes to my cousin. it's time now", true},
		{"ending_lexicon", "my parcel is late", "it all ends tonight", true},
		{"move_calm", "my parcel is late", "i gave my old clothes away and said goodbye to the flat, moving to leeds on friday", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: "crisis14en-" + tt.name}
			if got := say(t, e, a, "1", tt.start); len(got) == 0 || strings.Contains(texts(got), "112") {
				t.Fatalf("%q: %q; want a flow, not the safety message", tt.start, texts(got))
			}
			got := say(t, e, a, "2", tt.text)
			safety := len(got) == 2 && got[0].Verbatim && strings.Contains(got[0].Text, "112") &&
				got[1].Text == alert["en"] && got[1].Handoff != nil && got[1].Handoff.Priority == bot.PriorityUrgent
			if tt.crisis && !safety {
				t.Errorf("in the middle of a flow, %q got %q; want the safety message, then the alert with the urgent hand-off", tt.text, texts(got))
			}
			if !tt.crisis && strings.Contains(texts(got), "112") {
				t.Errorf("%q got the safety message: %q", tt.text, texts(got))
			}
		})
	}
}

package bot_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// floodChat is a conversation with an engine that has a staffed desk, a
// call-back queue and follow-ups, for the flood gate's tests.
func floodChat(t *testing.T, name string) *chat {
	t.Helper()
	e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
		c.Desk = &bottest.Desk{}
		c.FollowUps = memstore.NewFollowUps()
		c.CallBackQueue = "callback"
		c.FloodLimit, c.FloodWindow = 20, time.Hour
	})
	return &chat{t: t, e: e, to: bot.Address{Platform: "telegram", Chat: name, User: name}}
}

// checkIn shows the order flow's check-in, as the scheduler does.
func (c *chat) checkIn() {
	c.t.Helper()
	rs, cancel, err := c.e.CheckIn(c.t.Context(), bot.FollowUp{
		ID: "fu-" + c.to.Chat, To: c.to, Flow: "order_problem", Step: "later", Lang: "en",
		Slots: map[string]string{"order": "AB-123456"},
	})
	if err != nil || cancel != "" || len(rs) != 1 {
		c.t.Fatalf("CheckIn: %q, cancel %q, %v", texts(rs), cancel, err)
	}
	c.last = rs
}

// TestPersonButtonsAreUrgent: every button that leads to a person (a
// flow's hand-off, the human flow, a careful person's person-first button,
// the yes to a phone call-back, a check-in's "I'd like a person") passes
// the flood gate after a burst, at arrival and at turn time, and its press
// reaches a person; the other buttons of the same questions stay quiet.
// The call-back's and the check-in's buttons carried kinds the gate did not
// know, and their presses were dropped.
func TestPersonButtonsAreUrgent(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		reach  func(c *chat) // to the question with the button
		label  string
		person bool
	}{
		{"welcome_menu_person", func(c *chat) { c.say("/start") }, "Talk to a person", true},
		{"welcome_menu_order", func(c *chat) { c.say("/start") }, "An order or a delivery", false},
		{"order_send_yes", orderToSend, "Yes, please", true},
		{"order_send_not_now", orderToSend, "Not now", false},
		{"careful_person_first", func(c *chat) { c.say("I'm 82 and my parcel hasn't arrived") }, "Yes, a person please", true},
		{"careful_carry_on", func(c *chat) { c.say("I'm 82 and my parcel hasn't arrived") }, "Let's carry on together", false},
		{"call_back_yes", toCallBack, "Yes, call me", true}, // the simple label: call-backs go to vulnerable people
		{"call_back_no", toCallBack, "No", false},
		{"consent_yes", toConsent, "Yes, please", false},
		{"check_in_person", (*chat).checkIn, "I'd like a person", true},
		{"check_in_arrived", (*chat).checkIn, "Yes, it arrived", false},
		{"check_in_still_not", (*chat).checkIn, "Still not", false},
	} {
		for _, at := range []string{"arrival", "turn"} {
			t.Run(tt.name+"/"+at, func(t *testing.T) {
				t.Parallel()
				c := floodChat(t, tt.name+at)
				tt.reach(c)
				id := c.button(tt.label)
				press := bot.Message{ID: "press", From: c.to, Choice: id}
				if at == "arrival" {
					// 25 messages arrive at once; the adapter drops those over the limit.
					for i := range 25 {
						c.e.Admit(t.Context(), bot.Message{ID: fmt.Sprint("burst", i), From: c.to, Text: "hello?"})
					}
					v, _ := c.e.Admit(t.Context(), press)
					want := bot.AdmitQuiet
					if tt.person {
						want = bot.AdmitUrgent
					}
					if v != want {
						t.Fatalf("the press of %q after a burst: %v, want %v", tt.label, v, want)
					}
					if !tt.person {
						return
					}
					press.Admitted = true
				} else {
					// No adapter counted them: each is counted at its turn.
					// Stickers leave the question open.
					for range 25 {
						c.send(bot.Message{Media: "sticker"})
					}
				}
				rs, err := c.e.HandleMessage(t.Context(), press)
				if err != nil {
					t.Fatal(err)
				}
				handed := false
				for _, r := range rs {
					handed = handed || r.Handoff != nil
				}
				if handed != tt.person {
					t.Errorf("the press of %q after a burst: %q (hand-off %v), want a hand-off %v", tt.label, texts(rs), handed, tt.person)
				}
				if !tt.person && len(rs) != 0 {
					t.Errorf("the press of %q after a burst was answered: %q", tt.label, texts(rs))
				}
			})
		}
	}
}

func orderToSend(c *chat) {
	c.say("/order")
	c.say("AB-123456")
	c.press("Something else")
}

// toConsent ends an order conversation with a score: the consent question follows.
func toConsent(c *chat) {
	orderToSend(c)
	c.press("Not now")
	c.press("4")
}

// toCallBack is toConsent for a person who said they are older: a phone
// call-back is offered instead.
func toCallBack(c *chat) {
	c.say("I'm 82 and my parcel hasn't arrived")
	c.press("Let's carry on together")
	c.say("AB-123456")
	c.press("It's late")
	c.press("Not now")
	c.press("4")
}

// TestUrgentAtArrivalAndTurn: the same rule decides what passes a flood at
// arrival (Admit) and at turn time (for adapters that do not admit): a
// crisis, a request for a person in words or as a command, and /forget are
// answered in a burst either way; plain messages are not.
func TestUrgentAtArrivalAndTurn(t *testing.T) {
	t.Parallel()
	notice := func(lang string) string { return bottest.MustFlows(t).Common.Messages[flow.MsgFlood].ByLang[lang] }
	for _, tt := range []struct {
		name, lang, text string
		urgent           bool
		platform         string
	}{
		{"crisis_en", "en", "I want to kill myself", true, ""},
		{"crisis_fr", "fr", "je veux mourir, je vais me suicider", true, ""},
		{"person_en", "en", "I want to talk to a human", true, ""},
		{"person_fr", "fr", "je veux parler à un conseiller", true, ""},
		{"human_command", "en", "/human", true, ""},
		{"humain_command", "fr", "/humain", true, ""},
		{"forget_command", "en", "/forget", true, ""},
		{"human_command_employee", "en", "/human", true, "slack"},
		{"crisis_employee", "en", "I want to kill myself", true, "slack"},
		{"plain", "en", "where is my parcel", false, ""},
		{"plain_fr", "fr", "où est mon colis", false, ""},
	} {
		for _, at := range []string{"arrival", "turn"} {
			t.Run(tt.name+"/"+at, func(t *testing.T) {
				t.Parallel()
				e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
					c.Desk = &bottest.Desk{}
					c.FloodLimit, c.FloodWindow = 2, time.Hour
				})
				a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
				if tt.platform != "" {
					a.Platform = tt.platform
				}
				m := bot.Message{ID: "m", From: a, Text: tt.text, Lang: tt.lang}
				var got []bot.Reply
				if at == "arrival" {
					for i := range 5 {
						e.Admit(t.Context(), bot.Message{ID: fmt.Sprint(i), From: a, Text: "hello", Lang: tt.lang})
					}
					v, _ := e.Admit(t.Context(), m)
					if (v == bot.AdmitUrgent) != tt.urgent {
						t.Fatalf("Admit(%q) after a burst = %v, urgent %v", tt.text, v, tt.urgent)
					}
					if !tt.urgent {
						return
					}
					m.Admitted = true
				} else {
					for i := range 5 {
						say(t, e, a, fmt.Sprint(i), "hello")
					}
				}
				got, err := e.HandleMessage(t.Context(), m)
				if err != nil {
					t.Fatal(err)
				}
				answered := len(got) > 0 && got[0].Text != notice(tt.lang)
				if answered != tt.urgent {
					t.Errorf("%q in a burst, counted at %s: %q, want answered %v", tt.text, at, texts(got), tt.urgent)
				}
			})
		}
	}
}

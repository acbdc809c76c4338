package desk

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
)

func TestRedact(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"write to jo.doe+x@example.co.uk please", "write to [e-mail hidden] please"},
		{"call +33 6 12 34 56 78", "call [phone hidden]"},
		{"(555) 123-4567 after 5", "[phone hidden] after 5"},
		{"order AB-123456 from 2024", "order AB-123456 from 2024"},
		{"nothing here", "nothing here"},
	} {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSummaryKeepsContactSlotsOnly(t *testing.T) {
	t.Parallel()
	h := bot.Handoff{Slots: map[string]string{"email": "a@b.io", "contact_email": "c@d.io", "order": "AB-1"},
		Signals: bot.Signals{Distress: true, Vulnerable: []string{"senior"}}}
	s := summarize(h, []bot.Turn{{From: bot.SpeakerPerson, Text: "my phone is 06 12 34 56 78"}, {From: bot.SpeakerPerson, Text: "human"}})
	got := map[string]string{}
	for _, sl := range s.Slots {
		got[sl.Name] = sl.Value
	}
	if got["email"] != "[e-mail hidden]" || got["contact_email"] != "c@d.io" || got["order"] != "AB-1" {
		t.Errorf("slots = %v", got)
	}
	if s.Asked != "my phone is [phone hidden]" {
		t.Errorf("asked = %q", s.Asked)
	}
	if strings.Join(s.Signals, ",") != "distress,vulnerable: senior" {
		t.Errorf("signals = %v", s.Signals)
	}
}

func TestHours(t *testing.T) {
	t.Parallel()
	h, err := ParseHours("Europe/Paris", []string{"mon-fri"}, "09:00", "18:00")
	if err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	for _, tc := range []struct {
		at   time.Time
		open bool
	}{
		{time.Date(2025, 3, 4, 9, 0, 0, 0, paris), true},      // Tuesday 09:00
		{time.Date(2025, 3, 4, 8, 59, 0, 0, paris), false},    // before
		{time.Date(2025, 3, 4, 18, 0, 0, 0, paris), false},    // closing time
		{time.Date(2025, 3, 8, 12, 0, 0, 0, paris), false},    // Saturday
		{time.Date(2025, 3, 4, 7, 30, 0, 0, time.UTC), false}, // 08:30 in Paris
		{time.Date(2025, 3, 4, 8, 30, 0, 0, time.UTC), true},  // 09:30 in Paris
	} {
		if got := h.Open(tc.at); got != tc.open {
			t.Errorf("Open(%v) = %v, want %v", tc.at, got, tc.open)
		}
	}
	if !(Hours{}).Open(time.Now()) {
		t.Error("zero Hours closed")
	}
	night, _ := ParseHours("", nil, "22:00", "06:00")
	if !night.Open(time.Date(2025, 1, 1, 23, 0, 0, 0, time.UTC)) || night.Open(time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)) {
		t.Error("overnight hours wrong")
	}
	for _, bad := range [][]string{{"Mars/Base", "", "", ""}, {"", "funday", "", ""}, {"", "", "9h", ""}} {
		if _, err := ParseHours(bad[0], strings.Fields(bad[1]), bad[2], ""); err == nil {
			t.Errorf("ParseHours%v: no error", bad)
		}
	}
}

// stubStore serves Estimate's two reads.
type stubStore struct {
	Store
	waits []time.Duration
	open  []Ticket
}

func (s stubStore) Waits(context.Context, string) ([]time.Duration, error) { return s.waits, nil }
func (s stubStore) OpenTickets(context.Context, string) ([]Ticket, error)  { return s.open, nil }

func TestEstimate(t *testing.T) {
	t.Parallel()
	me := Ticket{ID: "me", Queue: "general", Lang: "fr", Opened: time.Now()}
	other := Ticket{ID: "x", Status: bot.HandoffWaiting}
	for _, tc := range []struct {
		name  string
		waits []time.Duration
		open  []Ticket
		t     Ticket
		want  []string
	}{
		{"no history", nil, []Ticket{me}, me, []string{"d'ici 5 minutes"}},
		{"about", []time.Duration{2 * time.Minute, 4 * time.Minute}, []Ticket{other, other, me}, me, []string{"environ 3 minutes", "2 personnes avant vous"}},
		// A wait of the desk's wait (5m by default) is one nobody came in:
		// with one in two, no typical wait is said (TestE2EEstimateCountsNobodyCame24).
		{"often nobody", []time.Duration{30 * time.Second, 5 * time.Minute}, []Ticket{me}, me, []string{"d'ici 5 minutes"}},
		{"short", []time.Duration{30 * time.Second}, []Ticket{other, me}, me, []string{"une minute ou deux", "une personne avant vous"}},
		{"urgent", nil, nil, Ticket{Lang: "en", Priority: bot.PriorityUrgent, Opened: time.Now()}, []string{"as soon as possible"}},
	} {
		d, err := New(Config{Store: stubStore{waits: tc.waits, open: tc.open}, Board: nopBoard{}, Texts: bottest.MustFlows(t), DefaultChannel: "C"})
		if err != nil {
			t.Fatal(err)
		}
		got := d.Estimate(t.Context(), tc.t)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
	}
}

type nopBoard struct{}

func (nopBoard) Post(context.Context, Card) (string, error)  { return "", nil }
func (nopBoard) Update(context.Context, string, Card) error  { return nil }
func (nopBoard) Reply(context.Context, string, string) error { return nil }

// TestStaffed: a person can come only for a queue with a channel, in
// business hours, and while an agent is there when the desk can tell.
func TestStaffed(t *testing.T) {
	t.Parallel()
	weekdays, err := ParseHours("", []string{"mon-fri"}, "09:00", "18:00")
	if err != nil {
		t.Fatal(err)
	}
	monday := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	away := func(context.Context) (bool, error) { return false, nil }
	for _, tc := range []struct {
		name             string
		cfg              Config
		queue            string
		at               time.Time
		staffed, alerted bool // alerted: a crisis still posts its card (Alertable)
	}{
		{"default_channel", Config{DefaultChannel: "C"}, "general", monday, true, true},
		{"queue_channel", Config{Channels: map[string]string{"billing": "CB"}}, "billing", monday, true, true},
		{"queue_without_channel", Config{Channels: map[string]string{"billing": "CB"}}, "general", monday, false, false},
		{"business_hours", Config{DefaultChannel: "C", Hours: weekdays}, "general", monday, true, true},
		{"evening", Config{DefaultChannel: "C", Hours: weekdays}, "general", monday.Add(9 * time.Hour), false, true},
		{"weekend", Config{DefaultChannel: "C", Hours: weekdays}, "general", monday.Add(-48 * time.Hour), false, true},
		{"no_agent_there", Config{DefaultChannel: "C", Present: away}, "general", monday, false, false},
	} {
		cfg := tc.cfg
		cfg.Store, cfg.Board, cfg.Texts, cfg.Now = stubStore{}, nopBoard{}, bottest.MustFlows(t), func() time.Time { return tc.at }
		d, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := d.Staffed(t.Context(), tc.queue); err != nil || got != tc.staffed {
			t.Errorf("%s: Staffed(%q) = %v, %v; want %v", tc.name, tc.queue, got, err, tc.staffed)
		}
		if got, err := d.Alertable(t.Context(), tc.queue); err != nil || got != tc.alerted {
			t.Errorf("%s: Alertable(%q) = %v, %v; want %v", tc.name, tc.queue, got, err, tc.alerted)
		}
	}
}

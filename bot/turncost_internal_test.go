package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestTurnLogAttrs: every record a turn logs carries the chat's hash and
// the message ID, as with Logger.With, although they are only computed for
// a record that is written; a logger derived from the turn's keeps them.
func TestTurnLogAttrs(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	base := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := &turnLogHandler{base: base.Handler(), from: Address{Platform: "test", Chat: "c1", User: "u1"}, id: "m7"}
	log := slog.New(h)
	log.Debug("turn", "outcome", OutcomeFlow)
	log.With("queue", "billing").Info("handoff opened")
	log.WithGroup("g").Warn("grouped", "k", "v")
	want := Address{Platform: "test", Chat: "c1", User: "u1"}.Hash()
	dec := json.NewDecoder(&buf)
	n := 0
	for dec.More() {
		var rec map[string]any
		if err := dec.Decode(&rec); err != nil {
			t.Fatal(err)
		}
		n++
		if rec["chat"] != want || rec["msg_id"] != "m7" {
			t.Errorf("record %v: want chat %q and msg_id m7", rec, want)
		}
	}
	if n != 3 {
		t.Fatalf("%d records, want 3", n)
	}

	quiet := slog.New(&turnLogHandler{base: slog.NewJSONHandler(&buf, nil), id: "m8"})
	if quiet.Enabled(t.Context(), slog.LevelDebug) {
		t.Error("debug enabled on an info handler")
	}
	quiet.Debug("not written")
	if buf.Len() != 0 {
		t.Errorf("a disabled level wrote %q", buf.String())
	}
}

// TestNumber: number reads what strconv.Atoi reads, and nothing else.
func TestNumber(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"", "1", "5", "+2", "-1", "007", "1.5", " 1", "1 ", "un", "a1", "9223372036854775808", "-", "+", "٣"} {
		want, err := strconv.Atoi(w)
		got, ok := number(w)
		if ok != (err == nil) || got != want {
			t.Errorf("number(%q) = %d, %v; Atoi: %d, %v", w, got, ok, want, err)
		}
	}
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"1", "+3", "-0", "x", "12a", strconv.Itoa(math.MaxInt)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		want, err := strconv.Atoi(w)
		got, ok := number(w)
		if ok != (err == nil) || got != want {
			t.Errorf("number(%q) = %d, %v; Atoi: %d, %v", w, got, ok, want, err)
		}
	})
}

// TestFoldedLabels: the labels and titles folded once are what normalize
// makes of them, for every button and flow title of the built-in flows.
func TestFoldedLabels(t *testing.T) {
	t.Parallel()
	set, err := flow.Load(os.DirFS("../flows"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(Config{Flows: set, Store: nopStore{}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	check := func(txt flow.Text) {
		for _, m := range []map[string]string{txt.ByLang, txt.Simple} {
			for _, s := range m {
				n++
				if got, ok := e.folded[s]; !ok || got != normalize(s) {
					t.Errorf("folded[%q] = %q, %v; want %q", s, got, ok, normalize(s))
				}
			}
		}
	}
	for _, f := range set.Flows {
		check(f.Title)
		for _, st := range f.Steps {
			if st.Choose != nil {
				for _, c := range st.Choose.Choices {
					check(c.Label)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no labels in the built-in flows")
	}
	if got := e.fold("  Not A Label!? "); got != "not a label" {
		t.Errorf("fold of an unknown text = %q, want normalize's %q", got, "not a label")
	}
}

// TestTellDeskInsertsIntoCopy: the desk's lines go into a copy of the
// turn's replies, never into the array the outbox's queued replies share
// (deliver tells queued lines from the desk's by comparing the two).
func TestTellDeskInsertsIntoCopy(t *testing.T) {
	t.Parallel()
	h := &Handoff{Queue: "support", Status: HandoffWaiting}
	replies := make([]Reply, 0, 8) // room to insert in place
	replies = append(replies, Reply{Text: "a"}, Reply{Text: "waiting", Handoff: h}, Reply{Text: "c"})
	queued := replies
	e := &Engine{core: &core{desk: tellingDesk{told: []Reply{{Text: "about an hour"}}}}}
	res := &result{replies: replies, handoff: h}
	e.tellDesk(t.Context(), Address{}, res, nil, true, slog.New(slog.DiscardHandler))
	var got []string
	for _, r := range res.replies {
		got = append(got, r.Text)
	}
	if want := []string{"a", "waiting", "about an hour", "c"}; !slices.Equal(got, want) {
		t.Errorf("replies %q, want %q", got, want)
	}
	if queued[0].Text != "a" || queued[1].Text != "waiting" || queued[2].Text != "c" {
		t.Errorf("queued replies changed: %+v", queued)
	}
}

// tellingDesk answers Opened with told.
type tellingDesk struct{ told []Reply }

func (d tellingDesk) Opened(context.Context, Address, Handoff, []Turn) ([]Reply, error) {
	return d.told, nil
}
func (tellingDesk) Forgotten(context.Context, Address) error                { return nil }
func (tellingDesk) Relayed(context.Context, Address, Handoff, string) error { return nil }
func (tellingDesk) Withdrawn(context.Context, Address, Handoff) error       { return nil }

// TestEncodeChoiceIDs: the IDs made together are choiceID's, one by one.
func TestEncodeChoiceIDs(t *testing.T) {
	t.Parallel()
	for _, seq := range []int{0, 7, 42, 1234567, -3} {
		ids := []string{"late", "damaged", "x", "a:b", "é"}
		kinds := []choiceKind{choiceFlow, choicePerson, choiceScore, choiceOffer, choiceCheckIn}
		cs := make([]Choice, len(ids))
		for i, id := range ids {
			cs[i] = Choice{ID: id, Label: "label " + id}
		}
		encodeChoiceIDs(cs, seq, kinds)
		for i, id := range ids {
			if want := choiceID(seq, kinds[i], id); cs[i].ID != want || cs[i].Label != "label "+id {
				t.Errorf("seq %d: button %d = %+v, want ID %q", seq, i, cs[i], want)
			}
		}
	}
	encodeChoiceIDs(nil, 1, nil) // no buttons: nothing to do
}

package bot

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/flows"
)

// slotsRephraser records the slot values each text was sent with, and
// marks what it rephrased.
type slotsRephraser struct {
	mu  sync.Mutex
	got map[string][]string
}

func (r *slotsRephraser) Rephrase(_ context.Context, q RephraseRequest) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got[q.Text] = q.Slots
	return "~" + q.Text, nil
}

// TestTellDeskKeepsSlotsAligned: the desk's lines inserted after a
// hand-off's reply (how long it may take) get their own, empty, slot
// lists, so each reply after them is rephrased with its own slot values.
// The old tellDesk inserted into the replies only: a reply after the
// desk's lines was sent with the slots of the one after it, and the last
// one read past the end of the list, a panic in a rephrasing goroutine,
// which nothing recovers: the process died. The built-in flows end a turn
// with the hand-off's reply, so the shape is built here, as finish sees it.
func TestTellDeskKeepsSlotsAligned(t *testing.T) {
	t.Parallel()
	set, err := flow.Load(flows.FS)
	if err != nil {
		t.Fatal(err)
	}
	h := &Handoff{Queue: "support", Status: HandoffWaiting}
	for _, tt := range []struct {
		name    string
		replies []Reply
		slots   [][]string
		told    []Reply  // what the desk says to add
		want    []string // the texts sent, in order
	}{
		{
			name:    "verbatim_reply_last",
			replies: []Reply{{Text: "order A1"}, {Text: "waiting", Handoff: h}, {Text: "parcel C3"}, {Text: "safety D4", Verbatim: true}},
			slots:   [][]string{{"A1"}, nil, {"C3"}, {"D4"}},
			told:    []Reply{{Text: "about an hour"}},
			want:    []string{"~order A1", "~waiting", "about an hour", "~parcel C3", "safety D4"},
		},
		{
			name:    "rephrased_reply_last",
			replies: []Reply{{Text: "order A1"}, {Text: "waiting", Handoff: h}, {Text: "parcel C3"}},
			slots:   [][]string{{"A1"}, nil, {"C3"}},
			told:    []Reply{{Text: "about an hour"}},
			want:    []string{"~order A1", "~waiting", "about an hour", "~parcel C3"},
		},
		{
			name:    "two_desk_lines",
			replies: []Reply{{Text: "waiting", Handoff: h}, {Text: "parcel C3"}, {Text: "e-mail E5"}},
			slots:   [][]string{nil, {"C3"}, {"E5"}},
			told:    []Reply{{Text: "about an hour"}, {Text: "in English"}},
			want:    []string{"~waiting", "about an hour", "in English", "~parcel C3", "~e-mail E5"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rp := &slotsRephraser{got: map[string][]string{}}
			e, err := New(Config{Flows: set, Store: nopStore{}, Rephraser: rp, Desk: tellingDesk{told: tt.told}})
			if err != nil {
				t.Fatal(err)
			}
			log := slog.New(slog.DiscardHandler)
			res := &result{replies: slices.Clone(tt.replies), slots: slices.Clone(tt.slots), handoff: h}
			e.tellDesk(t.Context(), Address{}, res, nil, true, log)
			if len(res.slots) != len(res.replies) {
				t.Errorf("after tellDesk: %d replies, %d slot lists", len(res.replies), len(res.slots))
			}
			out := e.rephrase(t.Context(), res, &turnSnap{lang: "en"}, Address{}, log)
			var got []string
			for _, r := range out {
				got = append(got, r.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("sent %q, want %q", got, tt.want)
			}
			for i, r := range tt.replies {
				if r.Verbatim {
					continue
				}
				if s := rp.got[r.Text]; !slices.Equal(s, tt.slots[i]) {
					t.Errorf("%q rephrased with slots %q, want its own %q", r.Text, s, tt.slots[i])
				}
			}
			for _, r := range tt.told {
				if _, ok := rp.got[r.Text]; ok || strings.HasPrefix(r.Text, "~") {
					t.Errorf("the desk's line %q went to the rephraser: it is said word for word", r.Text)
				}
			}
		})
	}
}

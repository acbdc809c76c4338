package bot

import (
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// TestCloneOutboxSharesNoMemory: what a mark keeps of an outbox (see
// EachUpdater) reads the same as the outbox and shares none of its memory,
// texts and buttons included, so that the store may reuse the session's.
func TestCloneOutboxSharesNoMemory(t *testing.T) {
	buf := []byte("Which one?ArrivedaNot arrivedbThanks")
	str := func(i, j int) string { return unsafe.String(&buf[i], j-i) } // as a store decodes them
	h := &Handoff{ID: "h1", Queue: "orders"}
	out := []Outbound{
		{Seq: 3, Text: str(0, 10), Choices: []Choice{{ID: str(17, 18), Label: str(10, 17)}, {ID: str(29, 30), Label: str(18, 29)}}},
		{Seq: 4, Text: str(30, 36), To: ToDesk, Handoff: h},
		{Seq: 5},
	}
	want := []Outbound{
		{Seq: 3, Text: "Which one?", Choices: []Choice{{ID: "a", Label: "Arrived"}, {ID: "b", Label: "Not arrived"}}},
		{Seq: 4, Text: "Thanks", To: ToDesk, Handoff: &Handoff{ID: "h1", Queue: "orders"}},
		{Seq: 5},
	}
	got := cloneOutbox(out)
	for i := range buf {
		buf[i] = 'x' // the store reuses its memory
	}
	out[0].Choices[0] = Choice{}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clone after the outbox's memory was reused (-want +got):\n%s", diff)
	}
	if n := testing.AllocsPerRun(10, func() { cloneOutbox(out) }); n > 3 {
		t.Errorf("cloneOutbox allocates %.0f times, want at most 3 (the entries, one button list, the texts)", n)
	}
}

// TestKeepOutbox: a mark between bursts keeps the entries its delivery
// holds already and copies only those queued since.
func TestKeepOutbox(t *testing.T) {
	buf := []byte("newer")
	known := []Outbound{{Seq: 2, Text: "two"}, {Seq: 3, Text: "three", Choices: []Choice{{ID: "a", Label: "A"}}}}
	out := []Outbound{{Seq: 3, Text: "three", Choices: []Choice{{ID: "a", Label: "A"}}}, {Seq: 4, Text: unsafe.String(&buf[0], len(buf))}}
	got := keepOutbox(out, known)
	buf[0] = 'x'
	want := []Outbound{{Seq: 3, Text: "three", Choices: []Choice{{ID: "a", Label: "A"}}}, {Seq: 4, Text: "newer"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if unsafe.StringData(got[0].Text) != unsafe.StringData(known[1].Text) || &got[0].Choices[0] != &known[1].Choices[0] {
		t.Error("the entry the delivery held was copied, want it shared")
	}
	if got := keepOutbox(out, nil); cmp.Diff(out, got) != "" || unsafe.StringData(got[1].Text) == unsafe.StringData(out[1].Text) {
		t.Errorf("with nothing known: %+v, want a copy of everything", got)
	}
}

package storetest

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// floodCounter returns s as a bot.FloodCounter; every carebot store is one.
func floodCounter(t *testing.T, s Store) bot.FloodCounter {
	t.Helper()
	fc, ok := s.(bot.FloodCounter)
	if !ok {
		t.Fatalf("%T is not a bot.FloodCounter", s)
	}
	return fc
}

var floodRule = bot.FloodRule{Limit: 5, Window: 10 * time.Second}

// testFloodMatchesRule: the store's verdicts are bot.FloodRule.Step's, for a
// burst, a quiet spell, a calm pace, urgent messages and a clock that goes
// back (another replica's).
func testFloodMatchesRule(t *testing.T, s Store) {
	fc := floodCounter(t, s)
	a := addr(t, "flooder")
	t0 := time.UnixMilli(1_700_000_000_000)
	var at []time.Duration
	var urgent []bool
	add := func(d time.Duration, u bool) { at = append(at, d); urgent = append(urgent, u) }
	for i := range 12 { // a burst: 12 messages in 1.1 s
		add(time.Duration(i)*100*time.Millisecond, i == 8)
	}
	add(900*time.Millisecond, false) // an earlier clock
	for i := range 6 {               // a calmer pace, one every 3 s
		add(4*time.Second+time.Duration(i)*3*time.Second, false)
	}
	add(time.Minute, false) // long after: fresh
	var st bot.FloodState
	var got, want []bot.Admission
	for i, d := range at {
		v, err := fc.Arrive(t.Context(), a, t0.Add(d), floodRule, urgent[i])
		if err != nil {
			t.Fatalf("Arrive %d: %v", i, err)
		}
		got = append(got, v)
		var w bot.Admission
		st, w = floodRule.Step(st, t0.Add(d).UnixMilli(), urgent[i])
		want = append(want, w)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("verdicts:\n got  %v\n want %v (bot.FloodRule.Step)", got, want)
		}
	}
	notices := 0
	for _, v := range got {
		if v == bot.AdmitNotice {
			notices++
		}
	}
	if notices != 1 || got[8] != bot.AdmitUrgent || got[len(got)-1] != bot.AdmitTurn {
		t.Errorf("verdicts %v: want one notice, the urgent one through, a fresh start at the end", got)
	}
}

// testFloodConcurrent: many arrivals at once (two replicas, many
// goroutines) count each message once and give exactly one notice.
func testFloodConcurrent(t *testing.T, s Store) {
	fc := floodCounter(t, s)
	a := addr(t, "burst")
	now := time.Now()
	const n = 40
	count := Tally(t, n, func() ([]bot.Admission, error) {
		v, err := fc.Arrive(t.Context(), a, now, floodRule, false)
		return []bot.Admission{v}, err
	})
	if count[bot.AdmitTurn] != floodRule.Limit || count[bot.AdmitNotice] != 1 || count[bot.AdmitQuiet] != n-floodRule.Limit-1 {
		t.Errorf("verdicts turn/notice/quiet = %d/%d/%d, want %d/1/%d", count[bot.AdmitTurn],
			count[bot.AdmitNotice], count[bot.AdmitQuiet], floodRule.Limit, n-floodRule.Limit-1)
	}
	// Another person is not limited.
	if v, err := fc.Arrive(t.Context(), addr(t, "calm"), now, floodRule, false); err != nil || v != bot.AdmitTurn {
		t.Errorf("another person: %v, %v; want a turn", v, err)
	}
}

// testFloodDelete: "forget me" forgets the flood state too.
func testFloodDelete(t *testing.T, s Store) {
	fc := floodCounter(t, s)
	a := addr(t, "forgotten")
	now := time.Now()
	for range floodRule.Limit + 2 {
		if _, err := fc.Arrive(t.Context(), a, now, floodRule, false); err != nil {
			t.Fatalf("Arrive: %v", err)
		}
	}
	if v, _ := fc.Arrive(t.Context(), a, now, floodRule, false); v != bot.AdmitQuiet {
		t.Fatalf("over the limit: %v, want quiet", v)
	}
	if err := s.Delete(t.Context(), a); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if v, err := fc.Arrive(t.Context(), a, now, floodRule, false); err != nil || v != bot.AdmitTurn {
		t.Errorf("after Delete: %v, %v; want a turn (the state forgotten)", v, err)
	}
}

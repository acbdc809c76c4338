package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// RunPeers runs the bot.PeerRequests conformance suite against the stores
// newStore returns (a fresh, empty one per call).
func RunPeers(t *testing.T, newStore func(t *testing.T) bot.PeerRequests) {
	t.Helper()
	suite[bot.PeerRequests]{
		{"due_when_its_wait_ends", peerDueWhenEnds},
		{"leased_until_done", peerLeasedUntilDone},
		{"kept_after_its_wait", peerKeptAfterWait},
		{"taken_once", peerTakenOnce},
		{"taken_leaves_no_wait", peerTakenNoWait},
		{"one_popper_each", peerOnePopper},
		{"batch_bound", peerBatch},
	}.run(t, newStore)
}

// peerT0 is in the past, so that a request kept a day from now is kept
// whatever clock the store reads.
var peerT0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

const peerLease = time.Minute

func peerReq(t testing.TB, id string, due time.Time) bot.PeerRequest {
	return bot.PeerRequest{ID: t.Name() + "/" + id, From: addr(t, "u"+id), Lang: "fr", Urgent: id == "urgent",
		Channel: "CPEER", TS: "1700000000." + id, Due: due}
}

func mustAddPeer(t testing.TB, s bot.PeerRequests, r bot.PeerRequest) {
	t.Helper()
	if err := s.AddPeer(t.Context(), r, 24*time.Hour); err != nil {
		t.Fatalf("AddPeer: %v", err)
	}
}

func mustPopPeers(t testing.TB, s bot.PeerRequests, now time.Time, max int) []string {
	t.Helper()
	ids, err := s.PopDuePeers(t.Context(), now, peerLease, max)
	if err != nil {
		t.Fatalf("PopDuePeers: %v", err)
	}
	return ids
}

func peerDueWhenEnds(t *testing.T, s bot.PeerRequests) {
	r := peerReq(t, "urgent", peerT0.Add(time.Minute))
	mustAddPeer(t, s, r)
	if ids := mustPopPeers(t, s, peerT0, 10); len(ids) != 0 {
		t.Fatalf("popped %q before its wait ended", ids)
	}
	if ids := mustPopPeers(t, s, r.Due, 10); !slices.Equal(ids, []string{r.ID}) {
		t.Fatalf("popped %q when its wait ended, want [%s]", ids, r.ID)
	}
	if ids := mustPopPeers(t, s, r.Due.Add(peerLease/2), 10); len(ids) != 0 {
		t.Fatalf("popped %q again within its lease", ids)
	}
}

// A popper that dies before it is done leaves the wait to another once
// its lease ends; DonePeer ends the wait for good, and keeps the request.
func peerLeasedUntilDone(t *testing.T, s bot.PeerRequests) {
	r := peerReq(t, "urgent", peerT0)
	mustAddPeer(t, s, r)
	mustPopPeers(t, s, peerT0, 10)
	if ids := mustPopPeers(t, s, peerT0.Add(peerLease), 10); !slices.Equal(ids, []string{r.ID}) {
		t.Fatalf("popped %q once its lease ended, want [%s]", ids, r.ID)
	}
	if err := s.DonePeer(t.Context(), r.ID); err != nil {
		t.Fatalf("DonePeer: %v", err)
	}
	if ids := mustPopPeers(t, s, peerT0.Add(time.Hour), 10); len(ids) != 0 {
		t.Fatalf("popped %q after DonePeer", ids)
	}
	if _, ok, err := s.Peer(t.Context(), r.ID); !ok || err != nil {
		t.Errorf("Peer after DonePeer: ok %v, err %v", ok, err)
	}
}

// An urgent request stays open after its wait: whoever ends the wait, a
// later "cancel" or volunteer still finds where it was posted.
func peerKeptAfterWait(t *testing.T, s bot.PeerRequests) {
	r := peerReq(t, "urgent", peerT0)
	mustAddPeer(t, s, r)
	mustPopPeers(t, s, peerT0, 10)
	got, ok, err := s.Peer(t.Context(), r.ID)
	if err != nil || !ok {
		t.Fatalf("Peer after its wait: ok %v, err %v", ok, err)
	}
	if got.From != r.From || got.Lang != r.Lang || !got.Urgent || got.Channel != r.Channel || got.TS != r.TS || !got.Due.Equal(r.Due) {
		t.Errorf("Peer = %+v, want %+v", got, r)
	}
}

func peerTakenOnce(t *testing.T, s bot.PeerRequests) {
	r := peerReq(t, "a", peerT0.Add(time.Hour))
	mustAddPeer(t, s, r)
	var mu sync.Mutex
	var wins []bot.PeerRequest
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, ok, err := s.TakePeer(t.Context(), r.ID)
			if err != nil {
				t.Errorf("TakePeer: %v", err)
			}
			if ok {
				mu.Lock()
				wins = append(wins, got)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(wins) != 1 || wins[0].TS != r.TS {
		t.Fatalf("%d of 8 takers got the request (%+v), want 1", len(wins), wins)
	}
	if _, ok, err := s.Peer(t.Context(), r.ID); ok || err != nil {
		t.Errorf("Peer after take: ok %v, err %v", ok, err)
	}
}

func peerTakenNoWait(t *testing.T, s bot.PeerRequests) {
	r := peerReq(t, "a", peerT0)
	mustAddPeer(t, s, r)
	if _, ok, err := s.TakePeer(t.Context(), r.ID); !ok || err != nil {
		t.Fatalf("TakePeer: ok %v, err %v", ok, err)
	}
	if ids := mustPopPeers(t, s, peerT0.Add(time.Hour), 10); len(ids) != 0 {
		t.Errorf("a taken request's wait popped: %q", ids)
	}
	if _, ok, err := s.TakePeer(t.Context(), "never-saved"); ok || err != nil {
		t.Errorf("TakePeer of nothing: ok %v, err %v", ok, err)
	}
}

func peerOnePopper(t *testing.T, s bot.PeerRequests) {
	var want []string
	for i := range 20 {
		r := peerReq(t, fmt.Sprint(i), peerT0)
		mustAddPeer(t, s, r)
		want = append(want, r.ID)
	}
	var mu sync.Mutex
	var got []string
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				ids, err := s.PopDuePeers(t.Context(), peerT0, peerLease, 3)
				if err != nil {
					t.Errorf("PopDuePeers: %v", err)
				}
				if len(ids) == 0 {
					return
				}
				mu.Lock()
				got = append(got, ids...)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("popped %q, want each of %q once", got, want)
	}
}

func peerBatch(t *testing.T, s bot.PeerRequests) {
	for i := range 5 {
		mustAddPeer(t, s, peerReq(t, fmt.Sprint(i), peerT0.Add(time.Duration(i)*time.Second)))
	}
	ids := mustPopPeers(t, s, peerT0.Add(time.Minute), 2)
	if want := []string{t.Name() + "/0", t.Name() + "/1"}; !slices.Equal(ids, want) {
		t.Errorf("popped %q, want the two oldest %q", ids, want)
	}
	if _, err := s.PopDuePeers(t.Context(), peerT0, peerLease, 0); err == nil {
		t.Error("PopDuePeers with max 0: no error")
	}
}

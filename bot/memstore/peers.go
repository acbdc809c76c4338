package memstore

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/carebot/carebot/bot"
)

// Peers keeps peer requests in memory, for `carebot chat` and tests: one
// process, so a mutex makes each pop and take exclusive. Everything is
// lost on exit; serve with Redis keeps them.
type Peers struct {
	mu   sync.Mutex
	now  func() time.Time
	reqs map[string]peerItem
	due  map[string]time.Time
}

type peerItem struct {
	r       bot.PeerRequest
	expires time.Time
}

var _ bot.PeerRequests = (*Peers)(nil)

// NewPeers returns an empty set of requests; now tells the time (nil: time.Now).
func NewPeers(now func() time.Time) *Peers {
	if now == nil {
		now = time.Now
	}
	return &Peers{now: now, reqs: map[string]peerItem{}, due: map[string]time.Time{}}
}

// AddPeer implements bot.PeerRequests.
func (s *Peers) AddPeer(_ context.Context, r bot.PeerRequest, keep time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs[r.ID] = peerItem{r: r, expires: s.now().Add(keep)}
	s.due[r.ID] = r.Due
	return nil
}

// Peer implements bot.PeerRequests.
func (s *Peers) Peer(_ context.Context, id string) (bot.PeerRequest, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.reqs[id]
	if !ok || !s.now().Before(it.expires) {
		return bot.PeerRequest{}, false, nil
	}
	return it.r, true, nil
}

// TakePeer implements bot.PeerRequests.
func (s *Peers) TakePeer(_ context.Context, id string) (bot.PeerRequest, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.reqs[id]
	delete(s.reqs, id)
	delete(s.due, id)
	if !ok || !s.now().Before(it.expires) {
		return bot.PeerRequest{}, false, nil
	}
	return it.r, true, nil
}

// DonePeer implements bot.PeerRequests.
func (s *Peers) DonePeer(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.due, id)
	return nil
}

// PopDuePeers implements bot.PeerRequests. Requests kept past their
// keep are dropped here, so the map does not grow with old requests.
func (s *Peers) PopDuePeers(_ context.Context, now time.Time, lease time.Duration, max int) ([]string, error) {
	if max <= 0 {
		return nil, errors.New("pop due peers: max must be positive")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := leaseDue(s.due, now, lease, max)
	for id, it := range s.reqs {
		if !s.now().Before(it.expires) {
			delete(s.reqs, id)
		}
	}
	return ids, nil
}

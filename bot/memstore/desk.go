package memstore

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
)

var _ desk.Store = (*DeskStore)(nil)

// DeskStore keeps the hand-off desk's tickets in memory: for tests and a
// single carebot process (tickets are lost on restart). It is safe for
// concurrent use.
type DeskStore struct {
	mu      sync.Mutex
	now     func() time.Time
	tickets map[string]desk.Ticket
	threads map[string]string
	open    map[bot.Address]string
	due     map[string]time.Time
	silent  map[string]time.Time // the silence checks (AddSilence)
	waits   map[string][]time.Duration
	claims  map[string]deskClaim
}

type deskClaim struct {
	owner   string
	expires time.Time
}

// NewDeskStore returns an empty DeskStore; now tells the time (nil: time.Now).
func NewDeskStore(now func() time.Time) *DeskStore {
	if now == nil {
		now = time.Now
	}
	return &DeskStore{
		now:     now,
		tickets: map[string]desk.Ticket{},
		threads: map[string]string{},
		open:    map[bot.Address]string{},
		due:     map[string]time.Time{},
		silent:  map[string]time.Time{},
		waits:   map[string][]time.Duration{},
		claims:  map[string]deskClaim{},
	}
}

// Claim implements bot.Claimer.
func (s *DeskStore) Claim(_ context.Context, key, owner string, ttl time.Duration) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if c, ok := s.claims[key]; ok && now.Before(c.expires) {
		return c.owner, nil
	}
	s.claims[key] = deskClaim{owner: owner, expires: now.Add(ttl)}
	return owner, nil
}

// UpdateTicket implements desk.Store.
func (s *DeskStore) UpdateTicket(_ context.Context, id string, fn func(*desk.Ticket) error) (desk.Ticket, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := cloneTicket(s.tickets[id])
	if err := fn(&t); err != nil {
		return desk.Ticket{}, err
	}
	t.ID = id
	t.Ver++
	s.tickets[id] = t
	if t.Thread != "" {
		s.threads[t.Thread] = id
	}
	if t.Open() {
		s.open[t.Address] = id
	} else if s.open[t.Address] == id {
		delete(s.open, t.Address)
	}
	return cloneTicket(t), nil
}

// Ticket implements desk.Store.
func (s *DeskStore) Ticket(_ context.Context, id string) (desk.Ticket, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tickets[id]
	if !ok {
		return desk.Ticket{}, desk.ErrNotFound
	}
	return cloneTicket(t), nil
}

// TicketByThread implements desk.Store.
func (s *DeskStore) TicketByThread(ctx context.Context, ref string) (desk.Ticket, error) {
	s.mu.Lock()
	id, ok := s.threads[ref]
	s.mu.Unlock()
	if !ok {
		return desk.Ticket{}, desk.ErrNotFound
	}
	return s.Ticket(ctx, id)
}

// OpenTicket implements desk.Store.
func (s *DeskStore) OpenTicket(ctx context.Context, a bot.Address) (desk.Ticket, error) {
	s.mu.Lock()
	id, ok := s.open[a]
	s.mu.Unlock()
	if !ok {
		return desk.Ticket{}, desk.ErrNotFound
	}
	return s.Ticket(ctx, id)
}

// OpenTickets implements desk.Store.
func (s *DeskStore) OpenTickets(_ context.Context, queue string) ([]desk.Ticket, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []desk.Ticket
	for _, t := range s.tickets {
		if t.Queue == queue && t.Open() {
			out = append(out, cloneTicket(t))
		}
	}
	slices.SortFunc(out, func(a, b desk.Ticket) int {
		return cmp.Or(cmp.Compare(desk.QueueScore(a), desk.QueueScore(b)), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// HeldTickets implements desk.Store.
func (s *DeskStore) HeldTickets(_ context.Context, channel, agent string) ([]desk.Ticket, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []desk.Ticket
	for _, t := range s.tickets {
		if held(t, channel, agent) {
			out = append(out, cloneTicket(t))
		}
	}
	slices.SortFunc(out, func(a, b desk.Ticket) int {
		return cmp.Or(a.Opened.Compare(b.Opened), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// held reports whether agent holds t in channel.
func held(t desk.Ticket, channel, agent string) bool {
	return t.Status == bot.HandoffTaken && t.AgentID != "" && t.AgentID == agent && t.Channel == channel
}

// AddDue implements desk.Store.
func (s *DeskStore) AddDue(_ context.Context, id string, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.due[id] = at
	return nil
}

// PopDue implements desk.Store.
func (s *DeskStore) PopDue(_ context.Context, now time.Time, max int) ([]string, error) {
	if max <= 0 {
		return nil, errors.New("pop due: max must be positive")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := dueIDs(s.due, now, max)
	for _, id := range ids {
		delete(s.due, id)
	}
	return ids, nil
}

// AddSilence implements desk.Store.
func (s *DeskStore) AddSilence(_ context.Context, id string, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.silent[id] = at
	return nil
}

// LeaseSilences implements desk.Store, as Peers.PopDuePeers leases.
func (s *DeskStore) LeaseSilences(_ context.Context, now time.Time, lease time.Duration, max int) ([]string, error) {
	if max <= 0 {
		return nil, errors.New("lease silences: max must be positive")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return leaseDue(s.silent, now, lease, max), nil
}

// DropSilence implements desk.Store.
func (s *DeskStore) DropSilence(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.silent, id)
	return nil
}

// AddWait implements desk.Store.
func (s *DeskStore) AddWait(_ context.Context, queue string, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := append([]time.Duration{d}, s.waits[queue]...)
	s.waits[queue] = w[:min(len(w), desk.MaxWaits)]
	return nil
}

// Waits implements desk.Store.
func (s *DeskStore) Waits(_ context.Context, queue string) ([]time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.waits[queue]), nil
}

// cloneTicket copies the slices a caller could change.
func cloneTicket(t desk.Ticket) desk.Ticket {
	t.Summary.Slots = slices.Clone(t.Summary.Slots)
	t.Summary.Signals = slices.Clone(t.Summary.Signals)
	t.Summary.Turns = slices.Clone(t.Summary.Turns)
	return t
}

// leaseDue leases what dueIDs returns until now+lease: another replica
// takes it over if the one it was leased to does not end it by then (the
// peer waits and the holders' silences).
func leaseDue(due map[string]time.Time, now time.Time, lease time.Duration, max int) []string {
	ids := dueIDs(due, now, max)
	for _, id := range ids {
		due[id] = now.Add(lease)
	}
	return ids
}

// dueIDs returns the ids of due whose time is at or before now, the
// earliest first (ties by id), at most max of them: the order in which
// the desk's waits and the peer waits are popped.
func dueIDs(due map[string]time.Time, now time.Time, max int) []string {
	var ids []string
	for id, at := range due {
		if !at.After(now) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(due[a].Compare(due[b]), cmp.Compare(a, b)) })
	return ids[:min(len(ids), max)]
}

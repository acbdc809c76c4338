package memstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/carebot/carebot/bot"
)

// FollowUps schedules check-ins in memory, for `carebot chat` and tests:
// one process, so a mutex makes each claim exclusive. Everything is lost on
// exit; serve with Redis keeps them.
type FollowUps struct {
	mu    sync.Mutex
	items map[bot.Address]*fuItem
}

type fuItem struct {
	f         bot.FollowUp
	at        time.Time // due, or the end of the lease
	token     string
	attempts  int
	withdrawn string // why, when withdrawn (see bot.FollowUpStore.Withdraw)
}

var _ bot.FollowUpStore = (*FollowUps)(nil)

// NewFollowUps returns an empty schedule.
func NewFollowUps() *FollowUps { return &FollowUps{items: map[bot.Address]*fuItem{}} }

// Schedule implements bot.FollowUpStore.
func (s *FollowUps) Schedule(_ context.Context, f bot.FollowUp) error {
	f.Slots = maps.Clone(f.Slots)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[f.To] = &fuItem{f: f, at: f.Due}
	return nil
}

// Cancel implements bot.FollowUpStore.
func (s *FollowUps) Cancel(_ context.Context, a bot.Address) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.items[a]
	if !ok || it.withdrawn != "" {
		return false, nil // a withdrawn one waits for the scheduler to count it
	}
	delete(s.items, a)
	return true, nil
}

// Forget implements bot.FollowUpStore.
func (s *FollowUps) Forget(_ context.Context, a bot.Address) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.items[a]
	delete(s.items, a)
	return ok, nil
}

// Withdraw implements bot.FollowUpStore.
func (s *FollowUps) Withdraw(_ context.Context, a bot.Address, reason string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.items[a]
	if !ok || it.withdrawn != "" {
		return false, nil
	}
	it.withdrawn, it.at = reason, time.Time{}
	return true, nil
}

// Claim implements bot.FollowUpStore.
func (s *FollowUps) Claim(_ context.Context, now time.Time, lease time.Duration, max int) ([]bot.FollowUpClaim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var due []*fuItem
	for _, it := range s.items {
		if !it.at.After(now) {
			due = append(due, it)
		}
	}
	slices.SortFunc(due, func(a, b *fuItem) int { return a.at.Compare(b.at) })
	if len(due) > max {
		due = due[:max]
	}
	out := make([]bot.FollowUpClaim, 0, len(due))
	for _, it := range due {
		it.at = now.Add(lease)
		it.token = token()
		it.attempts++
		f := it.f
		f.Slots = maps.Clone(f.Slots)
		out = append(out, bot.FollowUpClaim{FollowUp: f, Token: it.token, Attempts: it.attempts, Cancelled: it.withdrawn})
	}
	return out, nil
}

// Done implements bot.FollowUpStore: only the holder of the claim removes it.
func (s *FollowUps) Done(_ context.Context, c bot.FollowUpClaim) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it, ok := s.items[c.To]; ok && it.token == c.Token && it.f.ID == c.ID {
		delete(s.items, c.To)
	}
	return nil
}

// Retry implements bot.FollowUpStore.
func (s *FollowUps) Retry(_ context.Context, c bot.FollowUpClaim, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it, ok := s.items[c.To]; ok && it.token == c.Token && it.f.ID == c.ID {
		it.at, it.token = at, ""
	}
	return nil
}

// List implements bot.FollowUpStore.
func (s *FollowUps) List(_ context.Context, max int) ([]bot.FollowUp, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.FollowUp
	for _, it := range s.items {
		if it.withdrawn != "" {
			continue
		}
		f := it.f
		f.Due = it.at
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b bot.FollowUp) int { return a.Due.Compare(b.Due) })
	if len(out) > max {
		out = out[:max]
	}
	return out, nil
}

func token() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

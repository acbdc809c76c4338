package memstore

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/carebot/carebot/bot"
)

// Idle is a bot.IdleIndex in memory, for `carebot chat` and tests.
type Idle struct {
	mu    sync.Mutex
	items map[bot.Address]*idleItem
	n     uint64 // numbers the claims, for their tokens
}

type idleItem struct {
	at    time.Time // due, or the end of the lease
	token string
}

var _ bot.IdleIndex = (*Idle)(nil)

// NewIdle returns an empty index.
func NewIdle() *Idle { return &Idle{items: map[bot.Address]*idleItem{}} }

// Watch implements bot.IdleIndex. It ignores mark: in one process's
// memory, an entry a /forget raced is only an address, dropped when due
// (the look finds no wait).
func (ix *Idle) Watch(_ context.Context, a bot.Address, at time.Time, _ int64) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.items[a] = &idleItem{at: at}
	return nil
}

// ClaimIdle implements bot.IdleIndex.
func (ix *Idle) ClaimIdle(_ context.Context, now time.Time, lease time.Duration, max int) ([]bot.IdleClaim, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var due []bot.Address
	for a, it := range ix.items {
		if !it.at.After(now) {
			due = append(due, a)
		}
	}
	slices.SortFunc(due, func(a, b bot.Address) int { return ix.items[a].at.Compare(ix.items[b].at) })
	if len(due) > max {
		due = due[:max]
	}
	out := make([]bot.IdleClaim, 0, len(due))
	for _, a := range due {
		ix.n++
		it := ix.items[a]
		it.at, it.token = now.Add(lease), strconv.FormatUint(ix.n, 10)
		out = append(out, bot.IdleClaim{To: a, Token: it.token})
	}
	return out, nil
}

// ReleaseIdle implements bot.IdleIndex.
func (ix *Idle) ReleaseIdle(_ context.Context, c bot.IdleClaim, at time.Time) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	it, ok := ix.items[c.To]
	if !ok || it.token != c.Token {
		return nil
	}
	if at.IsZero() {
		delete(ix.items, c.To)
		return nil
	}
	it.at, it.token = at, ""
	return nil
}

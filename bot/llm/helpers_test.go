package llm_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/llm"
)

// newRephraser builds a Rephraser whose logs go to the test output.
func newRephraser(t *testing.T, cfg llm.Config) *llm.Rephraser {
	t.Helper()
	if cfg.APIKey == "" {
		cfg.APIKey = "test-key"
	}
	// The production budget (DefaultTimeout, 1.5 s) can run out on a busy
	// machine under -race before a fake that answers at once is even
	// reached; a test about the budget sets its own.
	if cfg.Timeout == 0 {
		cfg.Timeout = wait.Timeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	r, err := llm.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return r
}

// newClock is a settable time for the breaker and the cache.
func newClock() *bottest.Clock { return bottest.NewClock(time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)) }

// mapCache is a bot.Cache in a map, with expiry on a clock.
type mapCache struct {
	now func() time.Time

	mu   sync.Mutex
	m    map[string]cacheEntry
	sets int
}

type cacheEntry struct {
	val string
	exp time.Time
}

var _ bot.Cache = (*mapCache)(nil)

func newMapCache(now func() time.Time) *mapCache {
	return &mapCache{now: now, m: map[string]cacheEntry{}}
}

func (c *mapCache) Get(ctx context.Context, key string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || !c.now().Before(e.exp) {
		return "", false, nil
	}
	return e.val, true, nil
}

func (c *mapCache) Set(ctx context.Context, key, val string, ttl time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = cacheEntry{val: val, exp: c.now().Add(ttl)}
	c.sets++
	return nil
}

func (c *mapCache) Sets() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sets
}

// put overwrites every stored value (a poisoned cache).
func (c *mapCache) put(val string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		e.val = val
		c.m[k] = e
	}
}

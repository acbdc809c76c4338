package bottest

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/carebot/carebot/bot"
)

// Rephraser is a bot.Rephraser whose behaviour is a function, recording its calls.
type Rephraser struct {
	Fn    func(ctx context.Context, r bot.RephraseRequest) (string, error)
	mu    sync.Mutex
	calls []bot.RephraseRequest
}

var _ bot.Rephraser = (*Rephraser)(nil)

// Rephrase implements bot.Rephraser.
func (f *Rephraser) Rephrase(ctx context.Context, r bot.RephraseRequest) (string, error) {
	f.mu.Lock()
	f.calls = append(f.calls, r)
	f.mu.Unlock()
	return f.Fn(ctx, r)
}

// Calls returns the requests received so far.
func (f *Rephraser) Calls() []bot.RephraseRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.RephraseRequest(nil), f.calls...)
}

// FlakyStore wraps a bot.Store and fails every call with Err while Down is set,
// as a store whose server went away.
type FlakyStore struct {
	bot.Store
	Down atomic.Bool
	Err  error
}

// Update implements bot.Store.
func (s *FlakyStore) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	if s.Down.Load() {
		return s.Err
	}
	return s.Store.Update(ctx, a, fn)
}

// Delete implements bot.Store.
func (s *FlakyStore) Delete(ctx context.Context, a bot.Address) error {
	if s.Down.Load() {
		return s.Err
	}
	return s.Store.Delete(ctx, a)
}

// Ping implements bot.Store.
func (s *FlakyStore) Ping(ctx context.Context) error {
	if s.Down.Load() {
		return s.Err
	}
	return s.Store.Ping(ctx)
}

// DeskCall is one call a Desk received.
type DeskCall struct {
	Op      string // "opened", "relayed" or "withdrawn"
	To      bot.Address
	Handoff bot.Handoff
	Text    string     // relayed text
	Recent  []bot.Turn // for opened
}

// Desk is a bot.Desk that records its calls; Err, when set, fails them.
type Desk struct {
	Err   error
	mu    sync.Mutex
	calls []DeskCall
}

var _ bot.Desk = (*Desk)(nil)

func (d *Desk) record(c DeskCall) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = append(d.calls, c)
	return d.Err
}

// Opened implements bot.Desk.
func (d *Desk) Opened(_ context.Context, a bot.Address, h bot.Handoff, recent []bot.Turn) ([]bot.Reply, error) {
	return nil, d.record(DeskCall{Op: "opened", To: a, Handoff: h, Recent: recent})
}

// Forgotten implements bot.Desk.
func (d *Desk) Forgotten(_ context.Context, a bot.Address) error {
	return d.record(DeskCall{Op: "forgotten", To: a})
}

// Relayed implements bot.Desk.
func (d *Desk) Relayed(_ context.Context, a bot.Address, h bot.Handoff, text string) error {
	return d.record(DeskCall{Op: "relayed", To: a, Handoff: h, Text: text})
}

// Withdrawn implements bot.Desk.
func (d *Desk) Withdrawn(_ context.Context, a bot.Address, h bot.Handoff) error {
	return d.record(DeskCall{Op: "withdrawn", To: a, Handoff: h})
}

// Calls returns the calls received so far.
func (d *Desk) Calls() []DeskCall {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]DeskCall(nil), d.calls...)
}

// Handler is a bot.Handler that records the messages it is given and
// answers with Fn (nil answers nothing).
type Handler struct {
	Fn   func(ctx context.Context, m bot.Message) ([]bot.Reply, error)
	mu   sync.Mutex
	msgs []bot.Message
}

var _ bot.Handler = (*Handler)(nil)

// HandleMessage implements bot.Handler.
func (h *Handler) HandleMessage(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
	h.mu.Lock()
	h.msgs = append(h.msgs, m)
	h.mu.Unlock()
	if h.Fn == nil {
		return nil, nil
	}
	return h.Fn(ctx, m)
}

// Messages returns the messages received so far.
func (h *Handler) Messages() []bot.Message {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.msgs)
}

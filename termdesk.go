package main

// The terminal desk: `carebot chat` with REDIS_URL and no Slack desk keeps
// its hand-off tickets in Redis, where `carebot agent`, in another
// terminal on the same REDIS_URL, lists, takes, answers and resolves them.
// A hand-off is only promised while an agent terminal is there: each one
// announces itself every agentRenew for agentTTL, and without one the
// engine tells the person honestly that nobody can come.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/carebot/carebot/adapters/console"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/redisstore"
)

const (
	// termChannel is the desk channel of every terminal ticket.
	termChannel = "terminal"
	// termRefPrefix starts the board reference of a terminal ticket: agent
	// terminals show only those (a Slack desk's tickets are answered in Slack).
	termRefPrefix = "term:"
	// An agent terminal counts as there for agentTTL after it last
	// announced itself, and announces itself every agentRenew.
	agentTTL   = 15 * time.Second
	agentRenew = 5 * time.Second
	cardTTL    = 30 * 24 * time.Hour
)

// termBoard is the desk's Board in Redis: a ticket's card is a value, its
// thread a list of lines that agent terminals read.
type termBoard struct{ rs *redisstore.Store }

var _ desk.Board = termBoard{}

func (b termBoard) Post(ctx context.Context, c desk.Card) (string, error) {
	ref := termRefPrefix + c.Ticket
	return ref, b.put(ctx, ref, c)
}

func (b termBoard) Update(ctx context.Context, ref string, c desk.Card) error {
	return b.put(ctx, ref, c)
}

func (b termBoard) Reply(ctx context.Context, ref, text string) error {
	return b.rs.Append(ctx, threadBox(ref), text)
}

func (b termBoard) put(ctx context.Context, ref string, c desk.Card) error {
	j, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("terminal card: %w", err)
	}
	return b.rs.Set(ctx, cardKey(ref), string(j), cardTTL)
}

// card returns the card of the terminal ticket ref.
func (b termBoard) card(ctx context.Context, ref string) (desk.Card, bool, error) {
	v, ok, err := b.rs.Get(ctx, cardKey(ref))
	if err != nil || !ok {
		return desk.Card{}, false, err
	}
	var c desk.Card
	if err := json.Unmarshal([]byte(v), &c); err != nil {
		return desk.Card{}, false, fmt.Errorf("terminal card: %w", err)
	}
	return c, true, nil
}

func cardKey(ref string) string   { return "termdesk:card:" + ref }
func threadBox(ref string) string { return "thread:" + ref }
func outbox(a bot.Address) string { return "out:" + a.Hash() }

// termOutbox is, in the agent's process, the desk's Sender for people in a
// terminal: what the desk says to them (the agent's words, the closing line
// and the satisfaction question) waits in Redis for their `carebot chat`.
type termOutbox struct{ rs *redisstore.Store }

var _ bot.Sender = termOutbox{}

func (o termOutbox) Send(ctx context.Context, to bot.Address, replies []bot.Reply) error {
	j, err := json.Marshal(replies)
	if err != nil {
		return fmt.Errorf("terminal outbox: %w", err)
	}
	return o.rs.Append(ctx, outbox(to), string(j))
}

// termInbox prints, in `carebot chat`, what the agent's process sent to
// this terminal. It runs beside the terminal like a channel; what arrives
// while the chat is closed waits in Redis for the next one.
type termInbox struct {
	rs  *redisstore.Store
	c   *console.Adapter
	log *slog.Logger
}

func (i termInbox) Run(ctx context.Context, _ bot.Handler) error {
	to := i.c.Address()
	for ctx.Err() == nil {
		msg, ok, err := i.rs.Next(ctx, outbox(to), time.Second)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			i.log.Warn("terminal inbox unreachable, retrying", "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
			continue
		}
		if !ok {
			continue
		}
		var replies []bot.Reply
		if err := json.Unmarshal([]byte(msg), &replies); err != nil {
			i.log.Error("terminal inbox: unreadable message dropped", "err", err)
			continue
		}
		if err := i.c.Send(ctx, to, replies); err != nil {
			i.log.Error("terminal inbox: not printed", "err", err)
		}
	}
	return nil
}

// errAgentNeedsRedis: the terminal desk lives in Redis.
var errAgentNeedsRedis = errors.New("carebot agent needs REDIS_URL: set it to the Redis of the carebot chat whose hand-offs you answer (for example REDIS_URL=redis://localhost:6379/0 in both terminals)")

// newTermDesk builds a terminal desk on the app's Redis for `carebot
// agent`, which reaches people through the outbox (senders).
func (a *app) newTermDesk(senders map[string]bot.Sender) (*desk.Desk, error) {
	rs, ok := a.store.(*redisstore.Store)
	if !ok {
		return nil, errAgentNeedsRedis
	}
	return a.buildDesk(desk.Config{Store: rs.Desk(), Board: termBoard{rs}, DefaultChannel: termChannel, Senders: senders})
}

// termDeskChannels wires the terminal desk into `carebot chat` when the
// sessions are in Redis and no Slack desk runs: hand-offs become tickets
// that `carebot agent` answers, promised only while an agent is there. It
// returns the desk's loop (waits that end) and the terminal's inbox, or
// nothing without Redis.
func (a *app) termDeskChannels(c *console.Adapter) []channel {
	rs, ok := a.store.(*redisstore.Store)
	if !ok || a.desk == nil || deskEnabled(a.cfg) {
		return nil
	}
	return []channel{
		{name: "desk", adapter: a.desk},
		{name: "terminal inbox", adapter: termInbox{rs: rs, c: c, log: a.log}},
	}
}

package main

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync/atomic"

	slackad "github.com/carebot/carebot/adapters/slack"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/config"
	"github.com/carebot/carebot/metrics"
)

// deskEnabled reports whether the human hand-off desk runs: it needs Slack
// and a channel for hand-offs. Without it, a hand-off is only what the
// flows say (the person is told a person will take over).
func deskEnabled(cfg config.Config) bool {
	return cfg.Slack.BotToken != "" && (cfg.Slack.HandoffChannel != "" || len(cfg.Slack.QueueChannels) > 0)
}

// lateDesk is the engine's bot.Desk, built before the desk exists: the
// engine is built before the channels, and the desk needs its board (the
// Slack adapter, or Redis for the terminal desk). It also answers the
// engine's question "can a person come?" (bot.Staffer): the peer queue is
// served when the Slack adapter runs; any other queue when the desk runs
// and, for the terminal desk, an agent terminal is there. Otherwise the
// engine tells the person honestly that nobody can come.
type lateDesk struct {
	peerQueue string // config slack.peer_queue: colleagues answer it, not the desk
	d         atomic.Pointer[desk.Desk]
	peer      atomic.Bool // the Slack adapter runs: it serves the peer queue
	// present, when set, says whether an agent is there (the terminal desk).
	present atomic.Pointer[func(context.Context) (bool, error)]
}

var (
	_ bot.Desk    = (*lateDesk)(nil)
	_ bot.Staffer = (*lateDesk)(nil)
)

// Staffed reports whether a person can come for a hand-off to queue now.
func (l *lateDesk) Staffed(ctx context.Context, queue string) (bool, error) {
	if l.isPeer(queue) {
		return l.peer.Load(), nil
	}
	if l.d.Load() == nil {
		return false, nil
	}
	if p := l.present.Load(); p != nil {
		return (*p)(ctx)
	}
	return true, nil
}

var errNoDesk = errors.New("hand-off desk not started")

// isPeer reports the peer-support queue (config.DefaultPeerQueue unless
// configured).
func (l *lateDesk) isPeer(queue string) bool {
	return queue == cmp.Or(l.peerQueue, config.DefaultPeerQueue)
}

// forDesk reports whether a hand-off belongs on the desk: peer-support
// requests are anonymous and go to the peer channel, never to agents.
func (l *lateDesk) forDesk(h bot.Handoff) bool { return !l.isPeer(h.Queue) }

func (l *lateDesk) Opened(ctx context.Context, a bot.Address, h bot.Handoff, recent []bot.Turn) ([]bot.Reply, error) {
	if !l.forDesk(h) {
		return nil, nil
	}
	if d := l.d.Load(); d != nil {
		return d.Opened(ctx, a, h, recent)
	}
	return nil, errNoDesk
}

func (l *lateDesk) Forgotten(ctx context.Context, a bot.Address) error {
	if d := l.d.Load(); d != nil {
		return d.Forgotten(ctx, a)
	}
	return nil
}

func (l *lateDesk) Relayed(ctx context.Context, a bot.Address, h bot.Handoff, text string) error {
	if !l.forDesk(h) {
		return nil
	}
	if d := l.d.Load(); d != nil {
		return d.Relayed(ctx, a, h, text)
	}
	return errNoDesk
}

func (l *lateDesk) Withdrawn(ctx context.Context, a bot.Address, h bot.Handoff) error {
	if !l.forDesk(h) {
		return nil
	}
	if d := l.d.Load(); d != nil {
		return d.Withdrawn(ctx, a, h)
	}
	return errNoDesk
}

// deskStore is the desk's store on the same backend as the sessions.
func (a *app) deskStore() desk.Store {
	switch s := a.store.(type) {
	case *redisstore.Store:
		return s.Desk()
	default:
		return memstore.NewDeskStore(nil)
	}
}

// newDesk builds the hand-off desk on the Slack adapter's channels and
// connects both ways: the engine tells the desk (through lateDesk), the
// desk posts on Slack (its Board), and agents' presses and thread
// replies come back to the desk (SetDesk). It returns the loop that ends
// waits, run like a channel.
func (a *app) newDesk(sa *slackad.Adapter) (channel, error) {
	c := a.cfg
	hours, err := desk.ParseHours(c.Desk.Hours.Timezone, c.Desk.Hours.Days, c.Desk.Hours.From, c.Desk.Hours.To)
	if err != nil {
		return channel{}, err
	}
	d, err := desk.New(desk.Config{
		Store:          a.deskStore(),
		Board:          sa,
		Handler:        a.engine,
		Texts:          a.engine,
		Lang:           c.Slack.DefaultLang,
		Senders:        a.senders,
		Channels:       c.Slack.QueueChannels,
		DefaultChannel: c.Slack.HandoffChannel,
		Wait:           c.Desk.Wait,
		Hours:          hours,
		Poll:           c.Desk.Poll,
		Leads:          c.Desk.Leads,
		Recorder:       metrics.NewDesk(a.registry),
		Logger:         a.log.With("component", "desk"),
	})
	if err != nil {
		return channel{}, err
	}
	var chans []string
	if c.Slack.HandoffChannel != "" {
		chans = append(chans, c.Slack.HandoffChannel)
	}
	for _, ch := range c.Slack.QueueChannels {
		if !slices.Contains(chans, ch) {
			chans = append(chans, ch)
		}
	}
	sa.SetDesk(d, chans, c.Desk.AgentNames)
	a.desk.d.Store(d)
	return channel{name: "desk", adapter: deskLoop{d}}, nil
}

// deskLoop runs the desk's waits alongside the channels.
type deskLoop struct{ d *desk.Desk }

func (l deskLoop) Run(ctx context.Context, _ bot.Handler) error { return l.d.Run(ctx) }

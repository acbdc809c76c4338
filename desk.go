package main

import (
	"slices"

	slackad "github.com/carebot/carebot/adapters/slack"
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

// Where hand-offs go in each command (withDesk): the desk is built before
// the engine, which it serves and which it tells about agents' actions
// when it runs.
const (
	deskNone  = iota // carebot agent, flows tools: the engine opens no ticket
	deskServe        // carebot serve: the Slack desk, when configured
	deskChat         // carebot chat: the Slack desk (Socket Mode only), else the terminal desk on Redis
)

// withDesk builds the hand-off desk of a command (deskServe, deskChat).
func withDesk(mode int) appOption { return func(a *app) { a.deskMode = mode } }

// slackRuns reports whether the command runs the Slack adapter, which
// serves the peer queue.
func (a *app) slackRuns() bool {
	switch a.deskMode {
	case deskServe:
		return a.cfg.Slack.BotToken != ""
	case deskChat:
		return deskEnabled(a.cfg) && a.cfg.Slack.AppToken != ""
	}
	return false
}

// newDesk builds the command's hand-off desk, or nil when nobody can take
// a hand-off: on Slack (agents act on its cards through the Slack
// adapter), or in a terminal on Redis (`carebot agent`; a hand-off is
// promised only while an agent terminal is there).
func (a *app) newDesk() (*desk.Desk, error) {
	c := a.cfg
	var cfg desk.Config
	switch {
	case deskEnabled(c) && a.slackRuns():
		b, err := slackad.NewBoard(a.slackConfig())
		if err != nil {
			return nil, err
		}
		cfg = desk.Config{Store: a.deskStore(), Board: b, Channels: c.Slack.QueueChannels, DefaultChannel: c.Slack.HandoffChannel,
			Lang: c.Slack.DefaultLang, Leads: c.Desk.Leads}
	case a.deskMode == deskChat && !deskEnabled(c):
		rs, ok := a.store.(*redisstore.Store)
		if !ok {
			return nil, nil
		}
		cfg = desk.Config{Store: rs.Desk(), Board: termBoard{rs}, DefaultChannel: termChannel, Present: rs.AgentsPresent}
	default:
		return nil, nil
	}
	return a.buildDesk(cfg)
}

// buildDesk completes cfg with the settings every desk shares and builds it.
func (a *app) buildDesk(cfg desk.Config) (*desk.Desk, error) {
	c := a.cfg
	hours, err := desk.ParseHours(c.Desk.Hours.Timezone, c.Desk.Hours.Days, c.Desk.Hours.From, c.Desk.Hours.To)
	if err != nil {
		return nil, err
	}
	if cfg.Senders == nil {
		cfg.Senders = a.senders
	}
	cfg.Texts, cfg.Hours, cfg.Wait, cfg.Poll = a.texts, hours, c.Desk.Wait, c.Desk.Poll
	cfg.AgentSilence = c.Desk.AgentSilence
	cfg.Recorder, cfg.Logger = metrics.NewDesk(a.registry), a.log.With("component", "desk")
	return desk.New(cfg)
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

// slackDeskChannels are the Slack channels where agents act on the desk.
func slackDeskChannels(c config.Config) []string {
	var chans []string
	if c.Slack.HandoffChannel != "" {
		chans = append(chans, c.Slack.HandoffChannel)
	}
	for _, ch := range c.Slack.QueueChannels {
		if !slices.Contains(chans, ch) {
			chans = append(chans, ch)
		}
	}
	return chans
}

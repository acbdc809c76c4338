package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/config"
	"github.com/carebot/carebot/metrics"
)

// appOption changes how newApp wires carebot (the terminal's fast clock).
type appOption func(*app)

// withClock runs carebot on now instead of the wall clock.
func withClock(now func() time.Time) appOption { return func(a *app) { a.now = now } }

// fastClock returns a clock that runs speed times faster than the wall
// clock from now on: `carebot chat --clock-speed 3600` makes a check-in due
// in three days arrive in 72 seconds.
func fastClock(speed float64) func() time.Time {
	start := time.Now()
	return func() time.Time {
		return start.Add(time.Duration(float64(time.Since(start)) * speed))
	}
}

// followUpHours reads the decent hours of the configuration.
func followUpHours(cfg config.Config) (bot.Hours, error) {
	tz := cfg.FollowUps.Timezone
	if tz == "" {
		tz = cfg.Desk.Hours.Timezone
	}
	h, err := desk.ParseHours(tz, cfg.FollowUps.ClosedDays, "", "")
	if err != nil {
		return bot.Hours{}, fmt.Errorf("followups: %w", err)
	}
	from, _ := time.Parse("15:04", cfg.FollowUps.From)
	to, _ := time.Parse("15:04", cfg.FollowUps.To)
	return bot.Hours{Start: from.Hour()*60 + from.Minute(), End: to.Hour()*60 + to.Minute(), Zone: h.Location, Closed: h.Days}, nil
}

// wireFollowUps sets the engine's follow-up and care settings.
func (a *app) wireFollowUps(ecfg *bot.Config) error {
	zero := metrics.CareSeries{Flows: map[string]string{}, Languages: a.flows.Common.Languages}
	for id, f := range a.flows.Flows {
		zero.Flows[id] = f.Audience
	}
	if a.cfg.Telegram.Token != "" {
		zero.Channels = append(zero.Channels, "telegram")
	}
	if a.cfg.Slack.BotToken != "" {
		zero.Channels = append(zero.Channels, "slack")
	}
	if len(zero.Channels) == 0 {
		zero.Channels = []string{"console"}
	}
	a.care = metrics.NewCare(a.registry, zero)
	ecfg.Care = a.care
	ecfg.AbandonAfter = a.cfg.FollowUps.AbandonAfter
	ecfg.WaitingAbandonAfter = a.cfg.FollowUps.WaitingAbandonAfter
	ecfg.Idle = a.idle
	if a.cfg.FollowUps.Off {
		return nil
	}
	hours, err := followUpHours(a.cfg)
	if err != nil {
		return err
	}
	ecfg.FollowUps = a.followUps
	ecfg.Hours = hours
	ecfg.CallBackQueue = a.cfg.FollowUps.CallBackQueue
	// Offered only where a channel can deliver it; senders are registered
	// as the channels start, before any turn.
	ecfg.FollowUpOn = func(to bot.Address) bool { return a.senders[to.Platform] != nil }
	return nil
}

// followUpChannel is the scheduler that sends due check-ins and counts
// abandoned conversations, run beside the chat channels (with follow-ups
// off, it only counts).
func (a *app) followUpChannel(interval time.Duration) (*channel, error) {
	store := a.followUps
	if a.cfg.FollowUps.Off {
		store = nil
	}
	hours, err := followUpHours(a.cfg)
	if err != nil {
		return nil, err
	}
	s, err := bot.NewScheduler(bot.SchedulerConfig{
		Engine: a.engine, Store: store, Idle: a.idle, Senders: a.senders, Hours: hours,
		MaxAge: a.cfg.FollowUps.MaxAge, Interval: interval,
		Care: a.care, Logger: a.log, Now: a.now,
	})
	if err != nil {
		return nil, err
	}
	return &channel{name: "followups", adapter: schedulerAdapter{s}}, nil
}

// schedulerAdapter runs the scheduler as one of the channels.
type schedulerAdapter struct{ s *bot.Scheduler }

func (sa schedulerAdapter) Run(ctx context.Context, _ bot.Handler) error { return sa.s.Run(ctx) }

func followUpsCmd(stdout io.Writer, getenv func(string) string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "followups",
		Short: "List or cancel scheduled check-ins (people as hashes, never message text)",
	}
	var max int
	list := &cobra.Command{
		Use:   "list",
		Short: "List the scheduled check-ins, soonest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, zone, err := followUpStore(getenv)
			if err != nil {
				return err
			}
			fs, err := st.List(cmd.Context(), max)
			if err != nil {
				return err
			}
			return printFollowUps(stdout, fs, zone)
		},
	}
	list.Flags().IntVar(&max, "max", 100, "list at most this many")
	cancel := &cobra.Command{
		Use:   "cancel ID|PERSON",
		Short: "Cancel a check-in, by its id or by the person's hash (as list shows them)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, _, err := followUpStore(getenv)
			if err != nil {
				return err
			}
			fs, err := st.List(cmd.Context(), 1<<20)
			if err != nil {
				return err
			}
			n := 0
			for _, f := range fs {
				if f.ID != args[0] && f.To.Hash() != args[0] {
					continue
				}
				// Withdrawn, not removed: the running carebot drops it at its
				// next look and counts it (reason operator) in its metrics.
				ok, err := st.Withdraw(cmd.Context(), f.To, bot.CancelOperator)
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
				n++
				fmt.Fprintf(stdout, "cancelled %s (person %s)\n", f.ID, f.To.Hash())
			}
			if n == 0 {
				return fmt.Errorf("no scheduled check-in has id or person %q (see carebot followups list)", args[0])
			}
			return nil
		},
	}
	cmd.AddCommand(list, cancel)
	return cmd
}

// followUpStore opens the Redis schedule the configuration names.
func followUpStore(getenv func(string) string) (bot.FollowUpStore, *time.Location, error) {
	cfg, err := config.Load(getenv)
	if err != nil {
		return nil, nil, fmt.Errorf("configuration: %w", err)
	}
	if cfg.Redis.URL == "" {
		return nil, nil, errors.New("check-ins are kept in Redis: set REDIS_URL (without it they live only in the memory of the running carebot)")
	}
	hours, err := followUpHours(cfg)
	if err != nil {
		return nil, nil, err
	}
	rs, err := redisstore.New(redisstore.Config{URL: cfg.Redis.URL})
	if err != nil {
		return nil, nil, fmt.Errorf("redis: %w", err)
	}
	zone := hours.Zone
	if zone == nil {
		zone = time.UTC
	}
	return rs.FollowUps(), zone, nil
}

func printFollowUps(w io.Writer, fs []bot.FollowUp, zone *time.Location) error {
	if len(fs) == 0 {
		_, err := fmt.Fprintln(w, "no check-ins scheduled")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE\tID\tPERSON\tCHANNEL\tFLOW\tLANG\tNEEDS PERSON")
	for _, f := range fs {
		np := "no"
		if f.NeedsPerson {
			np = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Due.In(zone).Format("2006-01-02 15:04 MST"), f.ID, f.To.Hash(), f.To.Platform, f.Flow, strings.ToLower(f.Lang), np)
	}
	return tw.Flush()
}

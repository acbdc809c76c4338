package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"
)

// SchedulerConfig configures a Scheduler. Engine is required, and Store
// (with Senders) or Idle or both.
type SchedulerConfig struct {
	Engine *Engine
	Store  FollowUpStore
	// Idle, when set, is the engine's IdleIndex: each look also claims the
	// conversations due there (a batch of Batch at most) and has
	// Engine.Idle count their abandonment.
	Idle IdleIndex
	// Senders deliver check-ins, by platform. A sender that is also a
	// TimeZoner gives the person's time zone.
	Senders map[string]Sender
	// Hours are the decent hours; Hours.Zone is the operator's zone, used
	// when the person's is unknown.
	Hours Hours
	// MaxAge: a check-in this late is dropped rather than sent (default 72 h).
	MaxAge time.Duration
	// Interval between looks at the schedule (default 30 s), each with up to
	// ±20 % jitter so that replicas do not all ask at once.
	Interval time.Duration
	// Batch bounds the check-ins one look claims (default 50).
	Batch int
	// Lease is how long a claimed check-in is held before another replica
	// may take it (default 2 min); a send must finish well within it.
	Lease time.Duration
	// SendTimeout bounds one send (default Lease/4).
	SendTimeout time.Duration
	// MaxAttempts failed sends before giving up (default 5).
	MaxAttempts int
	Care        CareRecorder
	Logger      *slog.Logger
	Now         func() time.Time
}

// Scheduler sends due check-ins: one loop per process, claiming a bounded
// batch at a time, never a goroutine or a timer per check-in.
type Scheduler struct {
	cfg SchedulerConfig
	log *slog.Logger
}

// NewScheduler returns a Scheduler for cfg.
func NewScheduler(cfg SchedulerConfig) (*Scheduler, error) {
	if cfg.Engine == nil || (cfg.Store == nil && cfg.Idle == nil) {
		return nil, errors.New("new scheduler: an engine and a follow-up store or an idle index are required")
	}
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = 72 * time.Hour
	}
	if cfg.Interval <= 0 {
		cfg.Interval = 30 * time.Second
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 50
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2 * time.Minute
	}
	if cfg.SendTimeout <= 0 {
		cfg.SendTimeout = cfg.Lease / 4
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 5
	}
	if cfg.Care == nil {
		cfg.Care = nopCare{}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.Hours = cfg.Hours.withDefaults()
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Scheduler{cfg: cfg, log: log.With("part", "followups")}, nil
}

// Run looks at the schedule every Interval (with jitter) until ctx ends. A
// full batch is followed at once by another look, so a backlog (carebot
// was down at the due time) drains without waiting.
func (s *Scheduler) Run(ctx context.Context) error {
	t := time.NewTimer(s.jitter())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		n, err := s.Tick(ctx)
		if err != nil && ctx.Err() == nil {
			s.log.Warn("follow-ups not claimed", "err", err)
		}
		next := s.jitter()
		if n >= s.cfg.Batch {
			next = 0
		}
		t.Reset(next)
	}
}

func (s *Scheduler) jitter() time.Duration {
	d := s.cfg.Interval
	return d - d/5 + rand.N(d*2/5+1)
}

// Tick claims the check-ins due now and handles each once, then the idle
// conversations due now; it returns the most it claimed of either.
func (s *Scheduler) Tick(ctx context.Context) (int, error) {
	now := s.cfg.Now()
	var n int
	if s.cfg.Store != nil {
		cs, err := s.cfg.Store.Claim(ctx, now, s.cfg.Lease, s.cfg.Batch)
		if err != nil {
			return 0, fmt.Errorf("claim follow-ups: %w", err)
		}
		for _, c := range cs {
			if ctx.Err() != nil {
				break // the lease runs out and another look takes them
			}
			s.deliver(ctx, c, now)
		}
		n = len(cs)
	}
	if s.cfg.Idle != nil {
		k, err := s.idle(ctx, now)
		if err != nil {
			return n, err
		}
		n = max(n, k)
	}
	return n, nil
}

// idle claims the conversations of the idle index due at now and has the
// engine look at each: count an abandoned wait, or say when to look again.
func (s *Scheduler) idle(ctx context.Context, now time.Time) (int, error) {
	cs, err := s.cfg.Idle.ClaimIdle(ctx, now, s.cfg.Lease, s.cfg.Batch)
	if err != nil {
		return 0, fmt.Errorf("claim idle conversations: %w", err)
	}
	for _, c := range cs {
		if ctx.Err() != nil {
			break
		}
		next, err := s.cfg.Engine.Idle(ctx, c.To)
		if err != nil {
			s.log.Warn("idle conversation not looked at", "chat", c.To.Hash(), "err", err)
			next = now.Add(time.Minute)
		}
		if err := s.cfg.Idle.ReleaseIdle(ctx, c, next); err != nil {
			s.log.Warn("idle conversation not released", "chat", c.To.Hash(), "err", err)
		}
	}
	return len(cs), nil
}

// deliver sends one claimed check-in, or says why not: the outbox order is
// claim (done), prepare in the session, send, then Done. A process killed
// before Done loses its lease, and the next claim prepares the same
// question again and sends it.
func (s *Scheduler) deliver(ctx context.Context, c FollowUpClaim, now time.Time) {
	log := s.log.With("chat", c.To.Hash(), "follow_up", c.ID)
	if c.Cancelled != "" {
		s.drop(ctx, c, c.Cancelled, log)
		return
	}
	if now.Sub(c.Due) > s.cfg.MaxAge {
		s.drop(ctx, c, CancelExpired, log)
		return
	}
	sender := s.cfg.Senders[c.To.Platform]
	if sender == nil {
		// Another replica may run that channel; look again later.
		s.retry(ctx, c, now.Add(5*time.Minute), log)
		return
	}
	var loc *time.Location
	if z, ok := sender.(TimeZoner); ok {
		l, err := z.TimeZone(ctx, c.To)
		if err != nil {
			log.Debug("time zone unknown, using the operator's", "err", err)
		}
		loc = l
	}
	if next := s.cfg.Hours.Next(now, loc, c.NeedsPerson); next.After(now) {
		s.retry(ctx, c, next, log)
		return
	}
	replies, cancel, err := s.cfg.Engine.CheckIn(ctx, c.FollowUp)
	if err != nil {
		log.Warn("check-in not prepared", "err", err)
		s.retry(ctx, c, now.Add(time.Minute), log)
		return
	}
	if cancel != "" {
		s.drop(ctx, c, cancel, log)
		return
	}
	sctx, stop := context.WithTimeout(ctx, s.cfg.SendTimeout)
	err = sender.Send(sctx, c.To, replies)
	stop()
	switch {
	case errors.Is(err, ErrBlocked):
		s.drop(ctx, c, CancelBlocked, log)
		return
	case err != nil && c.Attempts >= s.cfg.MaxAttempts:
		log.Error("check-in given up", "err", err, "attempts", c.Attempts)
		s.drop(ctx, c, CancelUndeliverable, log)
		return
	case err != nil:
		log.Warn("check-in not sent, will retry", "err", err, "attempts", c.Attempts)
		s.retry(ctx, c, now.Add(time.Duration(c.Attempts)*time.Minute), log)
		return
	}
	if err := s.cfg.Store.Done(ctx, c); err != nil {
		// Sent but not marked: when the lease ends it may go out twice.
		log.Error("check-in sent but not marked done", "err", err)
	}
	log.Info("check-in sent", "flow", c.Flow, "late", now.Sub(c.Due).Round(time.Second))
	s.cfg.Care.Care(CareEvent{Kind: CareFollowUp, Reason: FollowUpEvSent, Flow: c.Flow, Lang: c.Lang, Channel: c.To.Platform, Audience: c.Audience, Vulnerable: c.Vulnerable})
}

func (s *Scheduler) drop(ctx context.Context, c FollowUpClaim, reason string, log *slog.Logger) {
	if err := s.cfg.Store.Done(ctx, c); err != nil {
		log.Warn("follow-up not removed", "err", err)
		return
	}
	log.Info("follow-up cancelled", "reason", reason)
	s.cfg.Care.Care(CareEvent{Kind: CareFollowUp, Reason: FollowUpEvCancelled, Detail: reason, Flow: c.Flow, Lang: c.Lang, Channel: c.To.Platform, Audience: c.Audience, Vulnerable: c.Vulnerable})
}

func (s *Scheduler) retry(ctx context.Context, c FollowUpClaim, at time.Time, log *slog.Logger) {
	if err := s.cfg.Store.Retry(ctx, c, at); err != nil {
		log.Warn("follow-up not rescheduled", "err", err)
	}
}

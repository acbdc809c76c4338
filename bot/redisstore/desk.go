package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
)

// The hand-off desk's keys, under the store's prefix (P, "carebot"):
//
//	P:desk:{<id>}:ticket   the ticket, JSON, with a version for compare-and-set (WATCH)
//	P:desk:thread:<ref>    the ticket ID of a desk message (the thread-to-conversation map)
//	P:desk:open:{<tag>}    the conversation's open ticket ID (tag: the session's hash tag)
//	P:desk:queue:<queue>   sorted set of open ticket IDs, by desk.QueueScore (most urgent, then oldest, first)
//	P:desk:held:<channel>:<agent>  sorted set of the ticket IDs an agent holds in a desk channel, by opening (Unix ms)
//	P:desk:due             sorted set of ticket IDs by the end of their wait (Unix ms)
//	P:desk:silence         sorted set of taken ticket IDs by their holder's silence check (Unix ms), leased as peer:due is
//	P:desk:waits:<queue>   list of recent times to take, in ms, newest first
//	P:claim:desk:…         claims (take, relayed message): see Claim
//
// Every script and transaction touches one key, so the desk works on Redis
// Cluster too; the indexes are written after the ticket and read
// defensively (a queue entry whose ticket is closed is dropped on read).
// Tickets and the maps live deskTTL after their last change.
const deskTTL = 30 * 24 * time.Hour

var _ desk.Store = (*DeskStore)(nil)

// DeskStore is the hand-off desk's desk.Store on the same Redis as the
// sessions. Get it with Store.Desk.
type DeskStore struct {
	s *Store
}

// Desk returns the desk's store on the same connections.
func (s *Store) Desk() *DeskStore { return &DeskStore{s: s} }

func (d *DeskStore) key(parts ...string) string {
	k := d.s.prefix + ":desk"
	for _, p := range parts {
		k += ":" + p
	}
	return k
}

func (d *DeskStore) ticketKey(id string) string { return d.key("{"+id+"}", "ticket") }

func (d *DeskStore) heldKey(channel, agent string) string { return d.key("held", channel, agent) }

// Claim implements bot.Claimer with the store's claims.
func (d *DeskStore) Claim(ctx context.Context, key, owner string, ttl time.Duration) (string, error) {
	return d.s.Claim(ctx, key, owner, ttl)
}

// errFn carries fn's error out of a WATCH transaction untouched.
type errFn struct{ err error }

func (e errFn) Error() string { return e.err.Error() }

// UpdateTicket implements desk.Store: WATCH, read, fn, MULTI/SET/EXEC,
// again on conflict.
func (d *DeskStore) UpdateTicket(ctx context.Context, id string, fn func(*desk.Ticket) error) (desk.Ticket, error) {
	key := d.ticketKey(id)
	var saved desk.Ticket
	for attempt := range d.s.maxRetries {
		err := d.s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			var t desk.Ticket
			raw, err := tx.Get(ctx, key).Bytes()
			switch {
			case errors.Is(err, redis.Nil):
			case err != nil:
				return err
			default:
				if err := json.Unmarshal(raw, &t); err != nil {
					return fmt.Errorf("decode ticket: %w", err)
				}
			}
			if err := fn(&t); err != nil {
				return errFn{err}
			}
			t.ID = id
			t.Ver++
			b, err := json.Marshal(t)
			if err != nil {
				return fmt.Errorf("encode ticket: %w", err)
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, key, b, deskTTL)
				return nil
			})
			saved = t
			return err
		}, key)
		if errors.Is(err, redis.TxFailedErr) {
			if err := bot.Sleep(ctx, backoff(attempt)); err != nil {
				return desk.Ticket{}, err
			}
			continue
		}
		if fe, ok := errors.AsType[errFn](err); ok {
			return desk.Ticket{}, fe.err
		}
		if err != nil {
			return desk.Ticket{}, d.s.fail(ctx, "update ticket", err)
		}
		return saved, d.index(ctx, saved)
	}
	return desk.Ticket{}, fmt.Errorf("update ticket: %w", bot.ErrConflict)
}

// delIfEqual deletes KEYS[1] only if it still holds ARGV[1].
var delIfEqual = redis.NewScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)

// index brings the maps and the queue in line with a saved ticket.
func (d *DeskStore) index(ctx context.Context, t desk.Ticket) error {
	openKey := d.key("open", "{"+tag(t.Address)+"}")
	queueKey := d.key("queue", t.Queue)
	_, err := d.s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		if t.Thread != "" {
			p.Set(ctx, d.key("thread", t.Thread), t.ID, deskTTL)
		}
		if t.Open() {
			p.Set(ctx, openKey, t.ID, deskTTL)
			p.ZAdd(ctx, queueKey, redis.Z{Score: desk.QueueScore(t), Member: t.ID})
		} else {
			p.ZRem(ctx, queueKey, t.ID)
		}
		if t.AgentID != "" {
			heldKey := d.heldKey(t.Channel, t.AgentID)
			if t.Status == bot.HandoffTaken {
				p.ZAdd(ctx, heldKey, redis.Z{Score: float64(t.Opened.UnixMilli()), Member: t.ID})
				p.Expire(ctx, heldKey, deskTTL)
			} else {
				p.ZRem(ctx, heldKey, t.ID)
			}
		}
		return nil
	})
	if err == nil && !t.Open() {
		err = delIfEqual.Run(ctx, d.s.rdb, []string{openKey}, t.ID).Err()
	}
	if err != nil {
		return d.s.fail(ctx, "index ticket", err)
	}
	return nil
}

// Ticket implements desk.Store.
func (d *DeskStore) Ticket(ctx context.Context, id string) (desk.Ticket, error) {
	raw, err := d.s.rdb.Get(ctx, d.ticketKey(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return desk.Ticket{}, desk.ErrNotFound
	}
	if err != nil {
		return desk.Ticket{}, d.s.fail(ctx, "get ticket", err)
	}
	var t desk.Ticket
	if err := json.Unmarshal(raw, &t); err != nil {
		return desk.Ticket{}, fmt.Errorf("decode ticket: %w", err)
	}
	return t, nil
}

// byRef reads an index key holding a ticket ID and loads the ticket.
func (d *DeskStore) byRef(ctx context.Context, key string) (desk.Ticket, error) {
	id, err := d.s.rdb.Get(ctx, key).Result()
	if errors.Is(err, redis.Nil) {
		return desk.Ticket{}, desk.ErrNotFound
	}
	if err != nil {
		return desk.Ticket{}, d.s.fail(ctx, "get ticket ref", err)
	}
	return d.Ticket(ctx, id)
}

// TicketByThread implements desk.Store.
func (d *DeskStore) TicketByThread(ctx context.Context, ref string) (desk.Ticket, error) {
	return d.byRef(ctx, d.key("thread", ref))
}

// OpenTicket implements desk.Store.
func (d *DeskStore) OpenTicket(ctx context.Context, a bot.Address) (desk.Ticket, error) {
	t, err := d.byRef(ctx, d.key("open", "{"+tag(a)+"}"))
	if err == nil && !t.Open() {
		return desk.Ticket{}, desk.ErrNotFound
	}
	return t, err
}

// OpenTickets implements desk.Store.
func (d *DeskStore) OpenTickets(ctx context.Context, queue string) ([]desk.Ticket, error) {
	return d.sorted(ctx, "open tickets", d.key("queue", queue), desk.Ticket.Open)
}

// HeldTickets implements desk.Store.
func (d *DeskStore) HeldTickets(ctx context.Context, channel, agent string) ([]desk.Ticket, error) {
	return d.sorted(ctx, "held tickets", d.heldKey(channel, agent), func(t desk.Ticket) bool {
		return t.Status == bot.HandoffTaken && t.AgentID == agent && t.Channel == channel
	})
}

// sorted loads the tickets of an index (a sorted set of IDs), in its
// order, keeping those for which keep is true; the other entries, written
// late or for a ticket that expired, are dropped from the index.
func (d *DeskStore) sorted(ctx context.Context, op, index string, keep func(desk.Ticket) bool) ([]desk.Ticket, error) {
	ids, err := d.s.rdb.ZRange(ctx, index, 0, -1).Result()
	if err != nil {
		return nil, d.s.fail(ctx, op, err)
	}
	cmds := make([]*redis.StringCmd, len(ids))
	_, err = d.s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.Get(ctx, d.ticketKey(id))
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, d.s.fail(ctx, op, err)
	}
	var out []desk.Ticket
	for i, c := range cmds {
		var t desk.Ticket
		raw, err := c.Bytes()
		if err == nil {
			err = json.Unmarshal(raw, &t)
		}
		if err != nil || !keep(t) {
			// Closed or expired: an index entry written late. Drop it.
			_ = d.s.rdb.ZRem(ctx, index, ids[i]).Err()
			continue
		}
		out = append(out, t)
	}
	return out, nil
}

// AddDue implements desk.Store.
func (d *DeskStore) AddDue(ctx context.Context, id string, at time.Time) error {
	if err := d.s.rdb.ZAdd(ctx, d.key("due"), redis.Z{Score: float64(at.UnixMilli()), Member: id}).Err(); err != nil {
		return d.s.fail(ctx, "add due", err)
	}
	return nil
}

// popDue removes and returns due members in one step: each goes to one caller.
var popDue = redis.NewScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, id in ipairs(ids) do redis.call('ZREM', KEYS[1], id) end
return ids`)

// PopDue implements desk.Store.
func (d *DeskStore) PopDue(ctx context.Context, now time.Time, max int) ([]string, error) {
	if max <= 0 {
		return nil, errors.New("pop due: max must be positive")
	}
	ids, err := popDue.Run(ctx, d.s.rdb, []string{d.key("due")}, now.UnixMilli(), max).StringSlice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, d.s.fail(ctx, "pop due", err)
	}
	return ids, nil
}

// AddSilence implements desk.Store: one member per ticket, its score the
// latest check.
func (d *DeskStore) AddSilence(ctx context.Context, id string, at time.Time) error {
	if err := d.s.rdb.ZAdd(ctx, d.key("silence"), redis.Z{Score: float64(at.UnixMilli()), Member: id}).Err(); err != nil {
		return d.s.fail(ctx, "add silence", err)
	}
	return nil
}

// LeaseSilences implements desk.Store with the peer waits' lease script
// (leasePeers): one step reads the due members and pushes their score to
// the end of the lease.
func (d *DeskStore) LeaseSilences(ctx context.Context, now time.Time, lease time.Duration, max int) ([]string, error) {
	if max <= 0 {
		return nil, errors.New("lease silences: max must be positive")
	}
	ids, err := leasePeers.Run(ctx, d.s.rdb, []string{d.key("silence")}, now.UnixMilli(), now.Add(lease).UnixMilli(), max).StringSlice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, d.s.fail(ctx, "lease silences", err)
	}
	return ids, nil
}

// DropSilence implements desk.Store.
func (d *DeskStore) DropSilence(ctx context.Context, id string) error {
	if err := d.s.rdb.ZRem(ctx, d.key("silence"), id).Err(); err != nil {
		return d.s.fail(ctx, "drop silence", err)
	}
	return nil
}

// AddWait implements desk.Store.
func (d *DeskStore) AddWait(ctx context.Context, queue string, w time.Duration) error {
	k := d.key("waits", queue)
	_, err := d.s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.LPush(ctx, k, w.Milliseconds())
		p.LTrim(ctx, k, 0, desk.MaxWaits-1)
		p.Expire(ctx, k, deskTTL)
		return nil
	})
	if err != nil {
		return d.s.fail(ctx, "add wait", err)
	}
	return nil
}

// Waits implements desk.Store.
func (d *DeskStore) Waits(ctx context.Context, queue string) ([]time.Duration, error) {
	vals, err := d.s.rdb.LRange(ctx, d.key("waits", queue), 0, desk.MaxWaits-1).Result()
	if err != nil {
		return nil, d.s.fail(ctx, "waits", err)
	}
	out := make([]time.Duration, 0, len(vals))
	for _, v := range vals {
		ms, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			out = append(out, time.Duration(ms)*time.Millisecond)
		}
	}
	return out, nil
}

package redisstore

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// The terminal desk's keys (`carebot chat` and `carebot agent` on the same
// Redis), under the store's prefix P:
//
//	P:term:agents      sorted set: the agent terminals there, scored by when their announcement expires (Unix ms)
//	P:term:box:<name>  list: lines for a reader (what the desk sends to a person's terminal, a ticket's thread)
//
// Each command touches one key, so this works on Redis Cluster too.
const boxTTL = deskTTL

func (s *Store) agentsKey() string         { return s.prefix + ":term:agents" }
func (s *Store) boxKey(name string) string { return s.prefix + ":term:box:" + name }

// Announce records that the agent terminal id is there for ttl from now;
// agents renew it while they run.
func (s *Store) Announce(ctx context.Context, id string, ttl time.Duration) error {
	exp := time.Now().Add(ttl).UnixMilli()
	if err := s.rdb.ZAdd(ctx, s.agentsKey(), redis.Z{Score: float64(exp), Member: id}).Err(); err != nil {
		return s.fail(ctx, "announce agent", err)
	}
	return nil
}

// Leave removes the agent terminal id at once (it quit).
func (s *Store) Leave(ctx context.Context, id string) error {
	if err := s.rdb.ZRem(ctx, s.agentsKey(), id).Err(); err != nil {
		return s.fail(ctx, "agent leaves", err)
	}
	return nil
}

// AgentsPresent reports whether an agent terminal announced itself and has
// not expired; it drops the expired ones.
func (s *Store) AgentsPresent(ctx context.Context) (bool, error) {
	now := strconv.FormatInt(time.Now().UnixMilli(), 10)
	if err := s.rdb.ZRemRangeByScore(ctx, s.agentsKey(), "-inf", now).Err(); err != nil {
		return false, s.fail(ctx, "agents present", err)
	}
	n, err := s.rdb.ZCount(ctx, s.agentsKey(), "("+now, "+inf").Result()
	if err != nil {
		return false, s.fail(ctx, "agents present", err)
	}
	return n > 0, nil
}

// Append adds msg at the end of the box; the box lives 30 days after its
// last line.
func (s *Store) Append(ctx context.Context, box, msg string) error {
	k := s.boxKey(box)
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.RPush(ctx, k, msg)
		p.Expire(ctx, k, boxTTL)
		return nil
	})
	if err != nil {
		return s.fail(ctx, "append", err)
	}
	return nil
}

// Next removes and returns the box's first line, waiting up to wait for
// one (ok is false if none came). It is for a box with one reader.
func (s *Store) Next(ctx context.Context, box string, wait time.Duration) (msg string, ok bool, err error) {
	v, err := s.rdb.BLPop(ctx, wait, s.boxKey(box)).Result()
	switch {
	case errors.Is(err, redis.Nil):
		return "", false, nil
	case err != nil:
		return "", false, s.fail(ctx, "next", err)
	}
	return v[1], true, nil
}

// Lines returns the box's lines from index from on, without removing them
// (a ticket's thread, read by every agent terminal).
func (s *Store) Lines(ctx context.Context, box string, from int64) ([]string, error) {
	v, err := s.rdb.LRange(ctx, s.boxKey(box), from, -1).Result()
	if err != nil {
		return nil, s.fail(ctx, "lines", err)
	}
	return v, nil
}

package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
)

// Peer requests live in two places, under the store's prefix (P):
//
//	P:peer:{<id>}   the request, JSON, for its keep (see bot.PeerRequests.AddPeer)
//	P:peer:due      sorted set of request IDs by the end of their wait (Unix ms)
//
// Every command and script touches one key, so they work on a Redis
// Cluster too. A popped wait is leased (its score pushed to the end of
// the lease) until the replica that popped it is done; one whose request
// was taken meanwhile is found gone and dropped.

// Peers is the peer requests of a Store (see Store.Peers).
type Peers struct{ s *Store }

var _ bot.PeerRequests = (*Peers)(nil)

// Peers returns the store's peer requests; they share the connections.
func (s *Store) Peers() *Peers { return &Peers{s: s} }

func (p *Peers) key(id string) string { return p.s.prefix + ":peer:{" + id + "}" }

func (p *Peers) dueKey() string { return p.s.prefix + ":peer:due" }

// AddPeer implements bot.PeerRequests: the request first, then its wait,
// so that a popped wait always finds its request.
func (p *Peers) AddPeer(ctx context.Context, r bot.PeerRequest, keep time.Duration) error {
	buf, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("add peer %s: %w", r.ID, err)
	}
	if err := p.s.rdb.Set(ctx, p.key(r.ID), buf, keep).Err(); err != nil {
		return p.s.fail(ctx, "add peer", err)
	}
	z := redis.Z{Score: float64(r.Due.UnixMilli()), Member: r.ID}
	if err := p.s.rdb.ZAdd(ctx, p.dueKey(), z).Err(); err != nil {
		return p.s.fail(ctx, "add peer wait", err)
	}
	return nil
}

// Peer implements bot.PeerRequests.
func (p *Peers) Peer(ctx context.Context, id string) (bot.PeerRequest, bool, error) {
	raw, err := p.s.rdb.Get(ctx, p.key(id)).Bytes()
	return p.decode(ctx, id, raw, err)
}

// takePeer reads and deletes a request in one step: one caller gets it
// (GETDEL needs Redis 6.2).
var takePeer = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v then redis.call('DEL', KEYS[1]) end
return v`)

// TakePeer implements bot.PeerRequests. The request goes first: a wait
// left behind, if removing it fails, is popped later and finds nothing.
func (p *Peers) TakePeer(ctx context.Context, id string) (bot.PeerRequest, bool, error) {
	raw, err := takePeer.Run(ctx, p.s.rdb, []string{p.key(id)}).Text()
	r, ok, err := p.decode(ctx, id, []byte(raw), err)
	if err != nil || !ok {
		return r, ok, err
	}
	if err := p.s.rdb.ZRem(ctx, p.dueKey(), id).Err(); err != nil {
		p.s.log.WarnContext(ctx, "peer wait not removed, it will find nothing", "handoff", id, "err", err)
	}
	return r, true, nil
}

func (p *Peers) decode(ctx context.Context, id string, raw []byte, err error) (bot.PeerRequest, bool, error) {
	switch {
	case errors.Is(err, redis.Nil):
		return bot.PeerRequest{}, false, nil
	case err != nil:
		return bot.PeerRequest{}, false, p.s.fail(ctx, "peer", err)
	}
	var r bot.PeerRequest
	if err := json.Unmarshal(raw, &r); err != nil {
		return bot.PeerRequest{}, false, fmt.Errorf("peer %s: %w", id, err)
	}
	return r, true, nil
}

// leasePeers reads the due members and pushes their score to the end of
// the lease in one step: each goes to one caller until then.
var leasePeers = redis.NewScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids`)

// DonePeer implements bot.PeerRequests.
func (p *Peers) DonePeer(ctx context.Context, id string) error {
	if err := p.s.rdb.ZRem(ctx, p.dueKey(), id).Err(); err != nil {
		return p.s.fail(ctx, "peer wait done", err)
	}
	return nil
}

// PopDuePeers implements bot.PeerRequests.
func (p *Peers) PopDuePeers(ctx context.Context, now time.Time, lease time.Duration, max int) ([]string, error) {
	if max <= 0 {
		return nil, errors.New("pop due peers: max must be positive")
	}
	ids, err := leasePeers.Run(ctx, p.s.rdb, []string{p.dueKey()}, now.UnixMilli(), now.Add(lease).UnixMilli(), max).StringSlice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, p.s.fail(ctx, "pop due peers", err)
	}
	return ids, nil
}

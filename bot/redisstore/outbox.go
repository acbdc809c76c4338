package redisstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
)

var _ bot.OutboxIndex = (*Store)(nil)

// The outbox index: a sorted set of the conversations whose outbox is not
// empty, scored by the end of their delivery lease (Unix ms), written by
// the compare-and-set script in the same atomic step as the session. On a
// single server (or Sentinel) it is one key, <prefix>:due. A Redis Cluster
// script may only touch keys of one slot, so there it is one key per hash
// slot, <prefix>:{<slot tag>}:due, where the slot tag is a short string
// that hashes to the slot of the conversation's own tag; Due reads only
// the slots a second sorted set says to read (see sweep.go).

// clusterSlots is the number of Redis Cluster hash slots.
const clusterSlots = 16384

// dueKey returns the index key for the conversation tag t.
func (s *Store) dueKey(t string) string {
	if !s.cluster {
		return s.due
	}
	return s.prefix + ":{" + slotTags()[crc16(t)%clusterSlots] + "}:due"
}

// member is the index entry of a: its fields, length-prefixed, so that
// Due can give back the Address.
func member(a bot.Address) string {
	// One allocation (a compare-and-set writes its own into its arguments,
	// see casCmd).
	b := appendMember(make([]byte, 0, 2*(20+1)+len(a.Platform)+len(a.Chat)+len(a.User)), a)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// appendMember appends a's member to b.
func appendMember(b []byte, a bot.Address) []byte {
	for _, f := range []string{a.Platform, a.Chat} {
		b = strconv.AppendInt(b, int64(len(f)), 10)
		b = append(b, ':')
		b = append(b, f...)
	}
	return append(b, a.User...)
}

func parseMember(m string) (bot.Address, bool) {
	var f [2]string
	for i := range f {
		n, rest, ok := strings.Cut(m, ":")
		l, err := strconv.Atoi(n)
		if !ok || err != nil || l < 0 || l > len(rest) {
			return bot.Address{}, false
		}
		f[i], m = rest[:l], rest[l:]
	}
	return bot.Address{Platform: f[0], Chat: f[1], User: m}, true
}

// Due implements bot.OutboxIndex. On a cluster it reads only the slots
// whose time has come (see sweep.go); one call covers the whole index.
func (s *Store) Due(ctx context.Context, now time.Time, limit int) ([]bot.Address, error) {
	if limit <= 0 {
		return nil, nil
	}
	var out []bot.Address
	if s.cluster {
		var err error
		if out, err = s.dueCluster(ctx, now, limit); err != nil {
			return nil, err
		}
	} else {
		res, err := dueScript.Run(ctx, s.rdb, []string{s.due, s.forgotKey()}, now.UnixMilli(), limit, s.forgotFrom()).Slice()
		if err != nil {
			return nil, s.fail(ctx, "read outbox index", err)
		}
		if len(res) != 2 {
			return nil, fmt.Errorf("read outbox index: %d replies, want 2", len(res))
		}
		s.evictForgotten(res[1])
		for _, m := range replyStrings(res[0]) {
			if a, ok := parseMember(m); ok {
				out = append(out, a)
			}
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	// A session that expired with replies pending (nobody could deliver
	// them for a whole TTL) leaves its entry: drop those.
	exists, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, a := range out {
			p.Exists(ctx, s.sessionKey(a))
		}
		return nil
	})
	if err != nil {
		return nil, s.fail(ctx, "read outbox index", err)
	}
	live := out[:0]
	for i, c := range exists {
		a := out[i]
		if c.(*redis.IntCmd).Val() == 1 {
			live = append(live, a)
			continue
		}
		if err := s.rdb.ZRem(ctx, s.dueKey(tag(a)), member(a)).Err(); err != nil {
			return nil, s.fail(ctx, "clean outbox index", err)
		}
	}
	return live, nil
}

// crc16 is Redis Cluster's key hash (CRC-16/XMODEM).
func crc16(s string) uint16 {
	var crc uint16
	for i := 0; i < len(s); i++ {
		crc ^= uint16(s[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// slotTags returns, for each cluster slot, a short string that hashes to
// it: found once, by counting in base 36 until every slot has one.
var slotTags = sync.OnceValue(func() []string {
	tags := make([]string, clusterSlots)
	left := clusterSlots
	for n := 0; left > 0; n++ {
		t := strconv.FormatInt(int64(n), 36)
		if slot := crc16(t) % clusterSlots; tags[slot] == "" {
			tags[slot] = t
			left--
		}
	}
	return tags
})

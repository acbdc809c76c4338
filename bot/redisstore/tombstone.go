package redisstore

import (
	"context"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
)

var _ bot.Forgetter = (*Store)(nil)

// tombSrc is casSrc for a tombstone (bot.Session.Forgotten), apart so that
// the turn's script stays as it is: if the stored session's token is still
// ARGV[1] it saves ARGV[2] at KEYS[1] for ARGV[3] ms, or deletes KEYS[1]
// when ARGV[2] is "" (a compare-and-delete: the tombstone's outbox is
// empty), updates the outbox index KEYS[2] as casSrc does (ARGV[4] the
// member, ARGV[5] its score, "-" to remove it, "" to leave it) and returns
// 1. A tombstone saved over a tombstone (ARGV[6] "1") keeps the time it
// had left, so that it goes bot.TombstoneTTL after /forget however often
// a delivery retries. The first tombstone (ARGV[6] not "1") also deletes
// the follow-up item KEYS[4] (unless a scheduler holds it: withdrawn) and,
// with a mark ARGV[7] not "0", keeps the mark at KEYS[3] for ARGV[8] ms
// (the higher kept): a check-in scheduled by a turn saved before the
// tombstone is undone here if it came first, refused if it comes later
// (see FollowUps.Schedule). Otherwise it returns the stored value, or 0 if
// there is none. KEYS[2..4] share KEYS[1]'s slot on a Cluster.
const tombSrc = tokenLua + `if ARGV[6] ~= '1' then
  if redis.call('HEXISTS', KEYS[4], 'x') == 0 then redis.call('DEL', KEYS[4]) end
  if ARGV[7] ~= '0' then
    local f = redis.call('GET', KEYS[3])
    local m = ARGV[7]
    if f and tonumber(f) > tonumber(m) then m = f end
    redis.call('SET', KEYS[3], m, 'PX', ARGV[8])
  end
end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
else
  local ttl = tonumber(ARGV[3])
  if ARGV[6] == '1' then
    local left = redis.call('PTTL', KEYS[1])
    if left > 0 and left < ttl then ttl = left end
  end
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
end
` + indexLua + `return 1`

var tombScript = redis.NewScript(tombSrc)

// casTombstone saves the tombstone sess (encoded in val, at the version
// token ver) at key, for bot.TombstoneTTL at most, or deletes it if its
// outbox is empty, in one compare-and-set; it returns what cas returns.
// wasTomb says that the session read was a tombstone already: its time
// is kept.
// Rare (a /forget and the marks of its confirmation), so plainly: not
// through the turn batcher. A resend after a network error is harmless:
// the token no longer matches, and fn runs again on what was saved.
func (s *Store) casTombstone(ctx context.Context, key, ver string, val []byte, t string, a bot.Address, sess *bot.Session, had, wasTomb bool) (saved bool, cur string, err error) {
	v, score := "", argRemove
	if len(sess.Outbox) > 0 || sess.ForgetMark != 0 {
		// Saved: something to deliver, or a mark to keep (see
		// bot.Session.ForgetMark) until the tombstone's time is up.
		v = string(val)
		score = argNone
		switch ix := indexArgs(a, sess, had); ix.op {
		case indexRemove:
			score = argRemove
		case indexSet:
			score = strconv.FormatInt(ix.score, 10)
		}
	}
	ttl := min(s.ttl, bot.TombstoneTTL).Milliseconds()
	keep := "0"
	if wasTomb {
		keep = "1"
	}
	keys := []string{key, s.dueKey(t), s.forgetMarkKey(t), s.followUpKey(t)}
	res, err := tombScript.Run(ctx, s.rdb, keys, ver, v, ttl, member(a), score, keep, sess.ForgetMark, forgotKeep.Milliseconds()).Result()
	if err != nil {
		return false, "", err
	}
	switch res := res.(type) {
	case int64:
		if res == 1 && !wasTomb {
			// The conversation was just forgotten: other replicas'
			// warm caches drop what they hold of it (see forgot.go).
			s.noteForgotten(ctx, t)
			if sess.ForgetMark != 0 {
				// The idle index entry a turn saved before the
				// tombstone may add after ForgetRest: closed.
				s.idleForgotten(ctx, a, sess.ForgetMark)
			}
		}
		return res == 1, "", nil
	case string:
		return false, res, nil
	}
	return false, "", fmt.Errorf("tombstone compare-and-set replied %T", res)
}

// forgetMarkKey holds the mark of the last /forget of the conversation of
// tag t (see tombSrc), in its slot.
func (s *Store) forgetMarkKey(t string) string { return s.prefix + ":{" + t + "}:fgt" }

// ForgetRest implements bot.Forgetter: it deletes every key of a's
// conversation but its session (see conversationKeys), and a's entry in
// the idle index. The outbox index entry goes with the tombstone.
func (s *Store) ForgetRest(ctx context.Context, a bot.Address) error {
	session := s.sessionKey(a)
	var keys []string
	for _, k := range s.conversationKeys(a) {
		if k != session {
			keys = append(keys, k)
		}
	}
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, keys...)
		p.ZRem(ctx, s.idleShardOf(a), member(a))
		return nil
	})
	if err != nil {
		return s.fail(ctx, "forget conversation", err)
	}
	return nil
}

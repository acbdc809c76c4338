package redisstore

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// oldToken is the stored value's token as the compare-and-set's patterns
// read it (tokenLua's long path): "0" for none, "x" for no version, the
// version and generation, else the version's digits.
var oldTokenGen = regexp.MustCompile(`^([0-9]+:\x03[0-9A-Fa-f]{16})`)

func oldToken(stored string) string {
	if stored == "" {
		return "0"
	}
	head := stored[:min(len(stored), 40)]
	d, _, ok := strings.Cut(head, ":")
	if !ok || d == "" || len(d) > 20 || !isDigits(d) {
		return "x"
	}
	if m := oldTokenGen.FindString(head); m != "" {
		return m
	}
	return d
}

// TestCompareAndSetToken: the compare-and-set saves exactly when the token
// it is given is the stored session's (its one-comparison path for tokens
// with a generation agrees with the patterns), and otherwise returns the
// stored value and leaves it.
func TestCompareAndSetToken(t *testing.T) {
	t.Parallel()
	s := newStore(t, Config{URL: redistest.Start(t)})
	const gen, other = "0123456789abcdef", "0123456789abcdee"
	stored := []string{
		"",
		"7:{\"flow\":\"x\"}",
		"6:\x01body",
		"8:\x03" + gen + "body",
		"18:\x03" + gen + "body",
		"8:\x03" + strings.ToUpper(gen) + "body",
		"8:\x03" + gen[:15], // a generation cut short
		"garbage",
		":\x03" + gen + "body",
		"123456789012345678901:\x03" + gen + "body",
	}
	tokens := []string{
		"0", "x", "7", "6", "8", "18",
		"8:\x03" + gen, "8:\x03" + other, "1:\x03" + gen, "18:\x03" + gen,
		"8:\x03" + strings.ToUpper(gen), "8:\x03" + gen[:15], ":\x03" + gen,
		"123456789012345678901:\x03" + gen,
	}
	key, tg := s.sessionKeyTag(pcu)
	for _, st := range stored {
		for _, tok := range tokens {
			if st == "" {
				must(t, s.rdb.Del(t.Context(), key).Err())
			} else {
				must(t, s.rdb.Set(t.Context(), key, st, time.Hour).Err())
			}
			saved, cur, _, err := s.cas(t.Context(), key, tok, []byte("new"), s.dueKey(tg), indexArg{})
			if err != nil {
				t.Fatalf("stored %q, token %q: %v", st, tok, err)
			}
			want := tok == oldToken(st)
			if saved != want {
				t.Errorf("stored %q, token %q: saved %v, want %v (its token is %q)", st, tok, saved, want, oldToken(st))
			}
			got, _ := s.rdb.Get(t.Context(), key).Result()
			switch {
			case saved && got != "new":
				t.Errorf("stored %q, token %q: saved, but Redis holds %q", st, tok, got)
			case !saved && (cur != st || got != st):
				t.Errorf("stored %q, token %q: not saved, returned %q and Redis holds %q, want it unchanged", st, tok, cur, got)
			}
		}
	}
}

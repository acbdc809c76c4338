package bot

import (
	"strconv"
	"testing"
)

// TestConvLocksRarelyShared: the conversations in flight at once seldom
// share a lock. A turn holds its conversation's lock across the store's
// round trip, so one whose stripe another conversation holds waits for
// that one's round trip too. At 10,000 turns/s on Redis about 5 turns and
// marks hold a lock at any time; among 64 conversations in flight (2,016
// pairs) 256 stripes gave about 8 pairs sharing one, 4,096 about 0.5.
func TestConvLocksRarelyShared(t *testing.T) {
	t.Parallel()
	const conversations, seeds = 64, 200
	shared := 0
	for range seeds {
		l := newConvLocks()
		seen := map[any]int{}
		for i := range conversations {
			a := Address{Platform: "telegram", Chat: strconv.Itoa(1000 + i), User: strconv.Itoa(i)}
			mu := l.of(a)
			shared += seen[mu]
			seen[mu]++
		}
	}
	if mean := float64(shared) / seeds; mean > 1 {
		t.Errorf("%d conversations in flight: %.1f pairs share a lock on average, want at most 1", conversations, mean)
	}
}

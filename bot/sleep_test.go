package bot_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

func TestSleepEndsWithItsContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	if err := bot.Sleep(ctx, time.Millisecond); err != nil {
		t.Errorf("Sleep(1ms) = %v, want nil", err)
	}
	cancel()
	for _, d := range []time.Duration{time.Hour, 0} {
		if err := bot.Sleep(ctx, d); !errors.Is(err, context.Canceled) {
			t.Errorf("Sleep(%s) after cancel = %v, want context.Canceled", d, err)
		}
	}
}

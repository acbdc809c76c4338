package redisstore_test

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot/desk/desktest"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

func TestDeskStore(t *testing.T) {
	t.Parallel()
	s, err := redisstore.New(redisstore.Config{URL: redistest.Start(t), TTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	desktest.Run(t, s.Desk())
}

package redisstore

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

func TestFollowUpsConformance(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	storetest.RunFollowUps(t, func(t *testing.T) bot.FollowUpStore { return newStore(t, Config{URL: url}).FollowUps() })
}

func TestFollowUpsConformanceCluster(t *testing.T) {
	t.Parallel()
	srv := redistest.StartCluster(t)
	url := "redis+cluster://" + srv.Addr()
	t.Run("suite", func(t *testing.T) {
		storetest.RunFollowUps(t, func(t *testing.T) bot.FollowUpStore { return newStore(t, Config{URL: url}).FollowUps() })
	})
}

package redisstore

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

func TestPeersConformance(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	storetest.RunPeers(t, func(t *testing.T) bot.PeerRequests { return newStore(t, Config{URL: url}).Peers() })
}

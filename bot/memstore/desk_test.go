package memstore_test

import (
	"testing"

	"github.com/carebot/carebot/bot/desk/desktest"
	"github.com/carebot/carebot/bot/memstore"
)

func TestDeskStore(t *testing.T) {
	t.Parallel()
	desktest.Run(t, memstore.NewDeskStore(nil))
}

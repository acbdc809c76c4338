package memstore_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/desk/desktest"
)

func TestDeskStore(t *testing.T) {
	t.Parallel()
	desktest.Run(t, memstore.NewDeskStore(nil))
}

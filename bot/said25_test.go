package bot_test

import (
	"slices"
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestSaidButtons25: the if_said buttons a first message names, as the
// engine hears them when it starts the flow (peer support's check_care:
// if_said harassment), for flows route and the studio. A hard day named
// nowhere, and a flow without if_said, name none.
func TestSaidButtons25(t *testing.T) {
	t.Parallel()
	e := newEngine(t, memstore.New(memstore.Config{}), nil)
	for _, tc := range []struct {
		flow, lang, text string
		want             []string
	}{
		{"peer_support", "en", "my coworker said he'd hurt me if I reported him", []string{"harassment"}},
		{"peer_support", "fr", "il me casserait la gueule si je le dénonçais", []string{"harassment"}},
		{"peer_support", "en", "I had a really long day and I'm exhausted", nil},
		{"order_problem", "en", "my parcel hasn't arrived", nil},
	} {
		if got := e.SaidButtons(tc.flow, tc.lang, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("%s %q: %v, want %v", tc.flow, tc.text, got, tc.want)
		}
	}
}

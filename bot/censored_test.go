package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestCensoredCrisisMidFlow plays a crisis written with a hidden letter
// ("k*ll", « t*er ») at a flow's question: it was read as an order number
// that did not fit, or as words not understood. The safety message now
// comes first, whatever the question (nlu.Uncensor).
func TestCensoredCrisisMidFlow(t *testing.T) {
	t.Parallel()
	tests := []talk{
		{name: "en_die_at_the_number", turns: []string{"my parcel is late", "i just want to d*e"}, want: []string{"Your safety matters more than anything else right now"}, not: []string{"order number"}},
		{name: "fr_tuer_at_the_buttons", turns: []string{"on m'a débité deux fois", "AB-123456", "j'en peux plus je veux me t*er"}, want: []string{"Votre sécurité passe avant tout"}},
		{name: "en_swear_is_anger", turns: []string{"where is my f***ing parcel"}, want: []string{"I understand you're angry"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}

package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestSecondNeedAfterTheCheckInOffer21: when the need chosen first ends
// with the offer of a check-in ("May I message you here in three days…?",
// where follow-ups are on), the other need comes once that is answered.
// Since Session.Also (89f8728), the end step's offer returned before the
// other need was started, and nothing started it after: "my lamp still
// hasnt shown up and you charged me twice", the order first, "not now",
// a score, "no thanks" ended on "Of course: I won't message you", the
// payment never spoken of again (and still kept, to start after whatever
// the person asked next).
func TestSecondNeedAfterTheCheckInOffer21(t *testing.T) {
	t.Parallel()
	const (
		also      = "You also wrote about something else"
		aussi     = "Vous nous avez aussi écrit"
		payment   = "I'm sorry there's a problem with a payment"
		orderT    = "A problem with an order or a delivery"
		commandeT = "Un problème de commande ou de livraison"
	)
	en := []string{"my lamp still hasnt shown up and you charged me twice", orderT, "AB-123456", "it's late", "not now", "4"}
	fr := []string{"ma lampe est toujours pas arrivée et vous m'avez prélevé deux fois", commandeT, "AB-123456", "elle est en retard", "pas maintenant", "4"}
	with := func(ts []string, more string) []string { return append(append([]string{}, ts...), more) }
	for _, tt := range []talk{
		{name: "en_declined", turns: with(en, "no thanks"), want: []string{also, payment}},
		{name: "en_agreed", turns: with(en, "yes please"), want: []string{also, payment}},
		{name: "fr_declined", turns: with(fr, "non merci"), want: []string{aussi}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
				withDesk(c)
				c.FollowUps = memstore.NewFollowUps()
			})
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}

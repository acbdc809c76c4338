package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// crisis15enRows are crisis15en's constructions, read as kinds in blind12's
// tune half and in rows that sat on the learned signal's cut, written here
// in other words than any set's: someone's veiled wish or plan reported by
// who heard it, a threat to make someone vanish, ending things, a way out
// that is only the permanent one, standing at the edge or parked at the
// place while the nerve is gathered, a blade and the act begun, a goodbye
// said by two halves (love in the past tense, a goodbye alone at the end,
// a blame lifted), savings and things handed on with a last word, a death
// hoped for as a relief, someone through the ice, a stroke's signs. Their
// look-alikes stay calm: a recovery said in other words, the news, a
// partner who "will kill me" over a purchase, a ring in an errand, a
// parent hoping the baby sleeps on, the nerve gathered for a refund.
var crisis15enRows = []struct {
	text   string
	crisis bool
}{
	{"my brother told me he hopes he doesn't wake up after his shift", true},
	{"she says if i ever leave she'll make sure no one ever finds me", true},
	{"my cousin wrote bye to everyone and he said he had a plan", true},
	{"lately i keep thinking about ending things for good", true},
	{"i can't find a way out but the permanent one", true},
	{"i'm standing on the edge of the roof working up the courage", true},
	{"i've parked at the cliff and i'm working up the nerve", true},
	{"i'm on the floor with a razor in my hand, i've already started", true},
	{"tell my dad i loved him. goodbye", true},
	{"if my gran calls asking for me, none of this was her fault", true},
	{"moved my savings to my son and paid off the funeral plan, i won't be here next week", true},
	{"my ring is in an envelope for my daughter, that's everything sorted. goodbye", true},
	{"if the plane crashed on the way home i'd be relieved", true},
	{"my nephew went through the ice at the reservoir", true},
	{"mum suddenly can't raise her arm and her face is drooping", true},

	{"i tried to end it in 2018, i'm in a better place now. new card please", false},
	{"my sister overdosed years ago and survived, she's clean now and wants a phone contract", false},
	{"i had a breakdown years ago but i'm working again and doing well now, can i raise my limit", false},
	{"the podcast about the opioid crisis won't download", false},
	{"my husband's gonna kill me, i bought the wrong fridge", false},
	{"i left my wedding ring at the jeweller's, can it be posted tomorrow", false},
	{"the baby is finally asleep, i hope she doesn't wake up before the courier comes", false},
	{"working up the nerve to ask my bank for a refund", false},
	{"thanks for your help. goodbye", false},
	{"I'm sorry, I'm sorry.", false},
}

// crisis15enRows3 are crisis15en's third round, constructions read in the
// retired sets' misses (blind11 as a development set), written in other
// words: the last week on earth, a holiday one will not see, the outcome
// one will not be around for, being carried no more, an exit set for
// tonight, the lights off for good, a place nobody goes with a means,
// a ligature to an anchor before a last message, stones and a canal at
// dark, a grill in a closed tent, the one who will find the body spared,
// a car aimed at a pillar, a sharpener's blade, burns on purpose, cuts
// deeper, goodbyes by arrangements with a last loose end. Their
// look-alikes: a ruinous price called suicide, a joke with "lol", a show's
// episode, a past loss told with a season, a recovery said of another.
var crisis15enRows3 = []struct {
	text   string
	crisis bool
}{
	{"i'm fairly sure this is my last weekend on earth", true},
	{"no need to post it, i won't see my birthday", true},
	{"leave the complaint open, i won't be around for the decision", true},
	{"my wife won't have to carry me much longer", true},
	{"tomorrow is my exit, tonight is my exit actually", true},
	{"going to turn the lights off for good this time", true},
	{"the rifle's in the boot and i've driven to a lane where nobody goes", true},
	{"fastened the cord to the beam, just finishing this message", true},
	{"filled my coat pockets with stones and it's nearly dark", true},
	{"put the barbecue inside the tent and zipped it all shut", true},
	{"booked a cabin so my husband isn't the one who finds me", true},
	{"doing 90 and i'll aim for the next concrete pillar", true},
	{"scalded my arm with the kettle on purpose and i want to do more", true},
	{"tonight i made the cuts deeper and they won't stop", true},
	{"took the dog to the rescue and wiped my phone, that was the last loose end", true},

	{"charging that much for delivery is commercial suicide", false},
	{"this printer makes me want to hang myself lol", false},
	{"the episode with the suicide note won't play", false},
	{"my aunt died by suicide last winter, i need her phone contract closed", false},
	{"my nan was in hospital in march, she's fine now. can i claim the parking", false},

	// Round 4: probes written before their entries.
	{"i've said all my goodbyes, this is the last thing on my list", true},
	{"i know exactly which cliff, i'm driving there after work", true},
	{"i keep picturing my funeral and it feels like relief", true},
	{"wrote to my kids to say sorry, the rest is in the drawer. bye", true},
	{"i'm standing on the platform waiting for the fast train to come through", true},
	{"by this time tomorrow it'll all be over", true},
	{"i had suicidal thoughts during my divorce but that's long over, can i change my address", false},
	{"i left the keys with my neighbour for the courier. bye", false},
	{"cutting again? the hairdresser wants to charge me twice", false},
	{"standing on the platform waiting for my train, is the 8:15 cancelled", false},
	{"i know exactly which bridge you mean, the shop is just after it", false},
	{"by this time tomorrow the move will be done, thank god", false},
}

// TestCrisisStrangers15Round3: the rows of crisis15enRows3; 23 of the 32
// were wrong on main before crisis15en (10354db: 18 crises missed, 5
// look-alikes flagged); the other look-alikes hold round 4's edges.
func TestCrisisStrangers15Round3(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range crisis15enRows3 {
		a, cp := m.analyzeParts(flow.AudienceCustomer, "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, cp.lexicon, cp.logit, tt.crisis)
		}
	}
}

// TestCrisisStrangers15: the rows of crisis15enRows. 10 of the 25 were
// wrong on main before crisis15en (10354db: 8 crises missed, a recovery
// and a partner's hyperbole flagged); the others hold the families' edges
// (their look-alikes, and crises both detectors heard before).
func TestCrisisStrangers15(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range crisis15enRows {
		a, cp := m.analyzeParts(flow.AudienceCustomer, "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, cp.lexicon, cp.logit, tt.crisis)
		}
	}
}

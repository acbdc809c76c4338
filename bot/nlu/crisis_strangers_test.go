package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestCrisisStrangersConstructions: the constructions crisis14en read in
// the misses and false alarms of the retired blind sets (wording by
// evaluators who never saw the lexicon), as lexicon families, each said
// here in other words than the sets': cutting said in the present alone,
// pills "ready" with a time, an ending set for tonight, "by the time …
// i'll be gone/dead", the way to make it all stop found, someone close
// drowning. Their look-alikes stay calm: names that hold the word (car
// doors, a film, a theme tune), too much of a treat, a scene of a book or
// a game, a pet or a sister who "will kill me if" a parcel is late,
// mornings hated, a past told calmly (doing well since, in college, and
// happy now), a queue that "makes me want to jump off a bridge". Every
// row here was wrong before crisis14en.
func TestCrisisStrangersConstructions(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"im cutting again, sorry", true},
		{"the pills are all ready, tomorrow morning it's done", true},
		{"it all ends tonight", true},
		{"by the time you read this i'll be dead", true},
		{"i finally figured out how to make it all stop", true},
		{"my little boy is drowning in the pool please help", true},
		{"my friend is drowning at the lake", true},

		{"my dad's car has suicide doors, do you sell the hinge", false},
		{"there's an overdose of glitter in this card, it's everywhere lol", false},
		{"an overdose of chocolate at the party, worth it", false},
		{"do you stock the virgin suicides soundtrack on vinyl", false},
		{"suicide is painless is my favourite theme tune, is the sheet music in stock", false},
		{"the scene where he tries to end it all made me sob, is the sequel out", false},
		{"the games new level where you jump off a bridge keeps crashing", false},
		{"my dog is going to kill me if his food doesn't arrive today", false},
		{"my sister will kill me if the present isn't here by friday", false},
		{"i hate being alive before 7am", false},
		{"i overdosed back in 2016 and have been doing well since, please update my email", false},
		{"i tried to kill myself in college, twenty years ago. i'm happy now, just renewing my policy", false},
		{"this queue makes me want to jump off a bridge", false},
	}
	for _, tt := range tests {
		a, cp := m.analyzeParts(flow.AudienceCustomer, "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, cp.lexicon, cp.logit, tt.crisis)
		}
	}
}

// TestCrisisStrangersPlacesAndMarks: crisis14en's second round of the
// strangers' constructions, as families with classes, said here in other
// words: a blade got out again, wrists scratched till they bleed, a
// person on the tracks or about to step off a platform, nobody noticing
// the absence, a "permanent solution", a weapon brought to school, a
// stabbing just now, too much fentanyl, a child who swallowed batteries,
// a car running in a shut garage. Every crisis row was missed before.
// Their look-alikes stay calm: a knife got out to cut a cake, an office
// empty while one is away, a solution to damp, a water gun at a fair,
// stepping off a committee, a photo of old railway tracks, a colleague
// who "stabbed me in the back".
func TestCrisisStrangersPlacesAndMarks(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"got the razor out again, sorry", true},
		{"been scratching my wrists till they bleed", true},
		{"i'm sitting on the tracks near the station", true},
		{"i'm on the platform and i'm going to step off.", true},
		{"nobody will even notice when i'm gone", true},
		{"there's a permanent solution to all this and i've found it", true},
		{"a lad in year 9 says he's bringing a gun to school tomorrow", true},
		{"i was just stabbed outside the pub", true},
		{"i think i took too much fentanyl", true},
		{"my toddler swallowed one of the button batteries", true},
		{"the car's running in the garage with the door shut. sorry", true},

		{"my colleague stabbed me in the back over the promotion", false},
		{"got the knife out again to cut the birthday cake", false},
		{"nobody will notice when i'm gone for a week, the office is empty in august", false},
		{"the permanent solution to all this damp is a dehumidifier, do you sell them", false},
		{"my son is bringing a water gun to school for the summer fair", false},
		{"i'm going to step off the committee next year, please update the mailing list", false},
		{"the photo shows a boy sitting on the tracks of an old steam railway, is the print framed", false},
	}
	for _, tt := range tests {
		a, cp := m.analyzeParts(flow.AudienceCustomer, "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, cp.lexicon, cp.logit, tt.crisis)
		}
	}
}

// TestLearnedCrisisStrangersWording: the learned signal, taught the
// retired blind sets' crises and look-alikes (corpus/crisis.en.tsv,
// calm.en.tsv, crisis14en), hears a goodbye said by things given away,
// someone else's goodbye, a controlling threat and a weapon brought to
// school, in words no lexicon entry holds; these rows, written for this
// test in no corpus, were all missed before. Their everyday look-alikes (a retirement goodbye on slack, a
// spring clean, a move abroad, a phone off while camping, an invoice
// while abroad) stay calm.
func TestLearnedCrisisStrangersWording(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"my brother texted me thanks for everything and now his phone is off, he's been so low", true},
		{"i've given my games console and all my clothes to my cousin. it's time now", true},
		{"my flatmate left a goodbye message in the group chat and isn't picking up, she said she had a plan", true},
		{"he's got my passport and says if i try to leave he'll make sure nobody finds me", true},
		{"a boy at my daughter's school posted he's bringing a knife in tomorrow", true},

		{"the kids have left home and the house is so quiet now, thanks for asking", false},
		{"my colleague posted a goodbye on slack, he's retiring on friday, we're getting a cake", false},
		{"i gave my old clothes to the charity shop and cleared the wardrobe, spring clean done", false},
		{"i won't be here next month, i'm moving to canada, please close the account", false},
		{"my phone is off most of the weekend, i'm camping, text me monday", false},
		{"i won't be around to pay the invoice this week, i'm abroad, can i pay on the 5th", false},
	}
	for _, tt := range tests {
		a, cp := m.analyzeParts(flow.AudienceCustomer, "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, cp.lexicon, cp.logit, tt.crisis)
		}
	}
}

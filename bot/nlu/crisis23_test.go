package nlu

import (
	"slices"
	"testing"
)

// crisis23Row is a message and whether it is a danger to life.
type crisis23Row struct {
	lang, text string
	crisis     bool
}

// checkCrisis23 asserts each row's Crisis signal and says how the two
// detectors heard it when it is wrong.
func checkCrisis23(t *testing.T, rows []crisis23Row) {
	t.Helper()
	m := builtinM(t)
	for _, r := range rows {
		a, p := m.analyzeParts("", r.lang, r.text)
		if a.Signals.Crisis != r.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", r.lang, r.text, a.Signals.Crisis, p.lexicon, p.logit, r.crisis)
		}
	}
}

// TestHarassmentIsNoCrisis23: being harassed by a boss or a colleague is
// serious, and no danger to life: « mon chef me harcèle » raised the
// safety message, and on a staff Slack an urgent @here to colleagues.
// Threats of violence stay crises. 5 of 14 rows failed before (all fr).
func TestHarassmentIsNoCrisis23(t *testing.T) {
	t.Parallel()
	checkCrisis23(t, []crisis23Row{
		{"fr", "mon chef me harcèle", false},
		{"fr", "ma responsable me harcèle moralement", false},
		{"fr", "un collègue me harcèle sexuellement", false},
		{"fr", "mes collègues me harcèlent depuis des mois", false},
		{"fr", "on me harcèle au boulot", false},
		{"fr", "mon ex me harcèle et me menace", true},
		{"fr", "mon collègue me menace de me tuer", true},
		{"en", "my boss is harassing me", false},
		{"en", "my manager keeps harassing me", false},
		{"en", "a colleague is sexually harassing me", false},
		{"en", "my coworkers have been harassing me for months", false},
		{"en", "i'm being harassed at work", false},
		{"en", "my ex is harassing me and threatened to kill me", true},
		{"en", "my coworker threatened to stab me", true},
	})
}

// TestLifeDearEndsLife23: the guard for the cost of living (« en finir
// avec la vie chère ») took any determiner, and silenced « en finir avec
// ma vie chère ». 2 of 10 rows failed before (fr).
func TestLifeDearEndsLife23(t *testing.T) {
	t.Parallel()
	checkCrisis23(t, []crisis23Row{
		{"fr", "en finir avec ma vie chère", true},
		{"fr", "je veux en finir avec ma vie chère amie", true},
		{"fr", "je veux en finir avec ma vie", true},
		{"fr", "il faut en finir avec la vie chère", false},
		{"fr", "en finir avec la vie chère, c'est le programme du candidat", false},
		{"fr", "la vie chère me fatigue, vos prix aussi", false},
		{"en", "i want to end my life dear", true},
		{"en", "i want to end my life", true},
		{"en", "we need to end the high cost of living", false},
		{"en", "end the cost of living crisis, lower your prices", false},
	})
}

// TestOutOfReachIsNoCrisis23: a parcel out of reach ("its on the landing
// upstairs and i cant reach it", for someone in a wheelchair) raised the
// alarm, heard by the learned signal (log-odds 3.5 to 3.8) for the words
// of a person fallen out of reach of the phone; the fall told at length
// with the parcel ("i fell down the stairs trying to get the parcel and i
// cant get up") was missed in English while the French was caught, and a
// fall out of reach of the phone in both. 7 of 16 rows failed before (5
// en, 2 fr).
func TestOutOfReachIsNoCrisis23(t *testing.T) {
	t.Parallel()
	checkCrisis23(t, []crisis23Row{
		{"en", "its on the landing upstairs and i cant reach it", false},
		{"en", "it's outside my door and i can't get to it", false},
		{"en", "i'm in a wheelchair and the box is on the top shelf, i can't reach it", false},
		{"en", "i fell down the stairs trying to get the parcel and i cant get up", true},
		{"en", "i fell over in the hallway reaching for the box and i can't get up", true},
		{"en", "i fell and i can't reach the phone", true},
		{"en", "someone is hitting me", true},
		{"en", "the parcel fell down the stairs and i can't get it", false},
		{"fr", "il est sur le palier en haut et j'arrive pas à l'attraper", false},
		{"fr", "il est devant ma porte et je peux pas l'atteindre", false},
		{"fr", "je suis en fauteuil et le carton est en haut de l'étagère, je peux pas l'atteindre", false},
		{"fr", "je suis tombée dans l'escalier en allant chercher le colis et je peux pas me relever", true},
		{"fr", "je suis tombé dans le couloir en attrapant le carton et je peux plus me relever", true},
		{"fr", "je suis tombée et j'arrive pas à atteindre le téléphone", true},
		{"fr", "quelqu'un me frappe", true},
		{"fr", "le colis est tombé dans l'escalier et je peux pas le récupérer", false},
	})
}

// TestColdSeniorComesFirst23: "im 85 and ive had no heating for 3 days
// and its freezing" is an older person at risk, whom the README puts
// first: priority and a person offered first, for the whole conversation
// (Vulnerable "senior"), not the safety message, which is for a danger
// to life told now. Cold that has reached the body (shivering and
// confused: hypothermia) is that danger. 4 of 8 rows failed before (the
// hypothermia ones, 2 en and 2 fr).
func TestColdSeniorComesFirst23(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, r := range []crisis23Row{
		{"en", "im 85 and ive had no heating for 3 days and its freezing", false},
		{"en", "i'm 79, the boiler is broken since monday and the house is freezing", false},
		{"en", "im 85 and ive had no heating for 3 days, im shivering and confused and cant get warm", true},
		{"en", "i'm 82, no heating, i'm confused and shivering", true},
		{"fr", "j'ai 85 ans et j'ai plus de chauffage depuis 3 jours, il gèle chez moi", false},
		{"fr", "j'ai 79 ans, la chaudière est en panne depuis lundi et la maison est glaciale", false},
		{"fr", "j'ai 85 ans, plus de chauffage depuis 3 jours, je tremble et je suis confuse", true},
		{"fr", "j'ai 82 ans, pas de chauffage, je grelotte et je suis toute confuse", true},
	} {
		a, p := m.analyzeParts("", r.lang, r.text)
		if a.Signals.Crisis != r.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", r.lang, r.text, a.Signals.Crisis, p.lexicon, p.logit, r.crisis)
		}
		if !slices.Contains(a.Signals.Vulnerable, "senior") {
			t.Errorf("%s %q: vulnerable %v, want senior (priority)", r.lang, r.text, a.Signals.Vulnerable)
		}
	}
}

// TestTiredOfLivingLikeThis23 pins a decision: "im so tired of living like
// this" (« je suis fatiguée de vivre comme ça ») says most often that one
// is worn out by how one lives (a flat, a job, a broken boiler), and on
// a staff Slack a false alarm posts an urgent @here; it stays calm, in
// both languages, as crisis9's guards made it. Tired of living itself,
// or with a wish to die beside it, is a crisis. It is still heard as
// distress, so a person is offered first. No row failed before: the
// crisis22 table's row, which waited for this judgment, now wants calm.
func TestTiredOfLivingLikeThis23(t *testing.T) {
	t.Parallel()
	checkCrisis23(t, []crisis23Row{
		{"en", "im so tired of living like this", false},
		{"en", "tired of living with this broken boiler", false},
		{"en", "i'm sick of living like this with no hot water", false},
		{"en", "im so tired of living", true},
		{"en", "im so tired of living like this, i want to die", true},
		{"fr", "je suis tellement fatiguée de vivre comme ça", false},
		{"fr", "fatigué de vivre avec cette chaudière en panne", false},
		{"fr", "j'en ai marre de vivre comme ça sans eau chaude", false},
		{"fr", "je suis fatiguée de vivre", true},
		{"fr", "je suis fatiguée de vivre comme ça, je veux mourir", true},
	})
	m := builtinM(t)
	for _, r := range [][2]string{{"en", "im so tired of living like this"}, {"fr", "je suis tellement fatiguée de vivre comme ça"}} {
		if a := m.Analyze(r[0], r[1]); !a.Signals.Distress {
			t.Errorf("%s %q: no distress heard", r[0], r[1])
		}
	}
}

// TestLaughAfterTheComma23: « je vais faire une connerie, je prends les
// deux lol » got the safety message: the veiled entry « faire une
// connerie $ » ends at the end of a clause, and a comma ends one, though
// the sentence went on to a purchase and a laugh. A laugh that ends the
// sentence now takes that comma's end back ([jestend]); without the
// laugh, or with a danger after the comma, it is still a crisis. 4 of
// 14 rows failed before (2 en, 2 fr).
func TestLaughAfterTheComma23(t *testing.T) {
	t.Parallel()
	checkCrisis23(t, []crisis23Row{
		{"fr", "je vais faire une connerie, je prends les deux lol", false},
		{"fr", "je vais faire une grosse connerie, je commande les deux modèles mdr", false},
		{"fr", "je vais faire une connerie, je prends les deux", true},
		{"fr", "je vais faire une connerie, j'en peux plus", true},
		{"fr", "je vais faire une connerie, je le sens", true},
		{"fr", "je vais faire une connerie. adieu", true},
		{"fr", "je vais faire une connerie ce soir, je prends tous mes cachets", true},
		{"en", "i'm going to do something stupid, i'm buying both lol", false},
		{"en", "im gonna do something stupid, getting the red one too haha", false},
		{"en", "i'm going to do something stupid, i'm buying both", true},
		{"en", "im gonna do something stupid, i cant take it anymore", true},
		{"en", "i'm going to do something stupid, sorry mum", true},
		{"en", "i'm going to do something stupid", true},
		{"en", "im going to do something stupid tonight, ive got the pills", true},
	})
}

// TestCarIsNoPerson23: "someone is hitting my car" raised the safety
// message (the learned signal, log-odds 3.7, read someone hitting); a car
// is no person. Someone hitting a person of the writer's is a crisis,
// for the lexicon now too. 2 of 12 rows failed before (en).
func TestCarIsNoPerson23(t *testing.T) {
	t.Parallel()
	checkCrisis23(t, []crisis23Row{
		{"en", "someone is hitting my car", false},
		{"en", "someone keeps hitting my car in the car park", false},
		{"en", "some guy keeps hitting my van with his trolley", false},
		{"en", "someone is hitting on my girlfriend lol", false},
		{"en", "someone is hitting my mum", true},
		{"en", "a man is hitting my son outside", true},
		{"fr", "quelqu'un frappe ma voiture", false},
		{"fr", "quelqu'un a cogné ma voiture sur le parking", false},
		{"fr", "un type n'arrête pas de rayer mon camion", false},
		{"fr", "quelqu'un frappe ma mère", true},
		{"fr", "un homme frappe mon fils dehors", true},
		{"fr", "un homme me frappe", true},
	})
}

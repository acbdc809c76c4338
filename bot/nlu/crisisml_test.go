package nlu

import (
	"fmt"
	"slices"
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestLearnedCrisis: what the learned crisis signal hears beside the
// lexicon, what it leaves alone, and the misses it is known for. Its
// phrasings are new (no corpus row copies them).
func TestLearnedCrisis(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		name, lang, text string
		lexicon, learned bool
	}{
		// Heard by the learned signal only: the lexicon has no entry.
		{"letters_decided", "en", "honestly i've written letters to everyone and i feel calm now that i've decided", false, true},
		{"lettres_decide", "fr", "j'ai écrit des lettres à tout le monde et je me sens calme maintenant que j'ai décidé", false, true},
		// Heard by both.
		{"saving_pills", "en", "my son told me he has been saving his pills and he wrote goodbye letters to all of us", true, true},
		{"throat", "en", "he grabbed me by the throat again last night and i'm scared to go home", true, true},
		{"medicaments_adieu", "fr", "ma fille m'a dit qu'elle avait mis de côté ses médicaments et écrit des lettres d'adieu", true, true},
		// Ordinary messages: quiet.
		{"dog_pills", "en", "can you tell me when the pills i ordered for my dog will arrive please", false, false},
		{"joint_account", "en", "my husband and i want to change the address on our account", false, false},
		{"kettle", "en", "i was going to order a new kettle but the old one still works fine so never mind", false, false},
		{"medicaments_chien", "fr", "je voudrais savoir quand mes médicaments pour le chien seront livrés svp", false, false},
		// Too short for the learned signal: the lexicon's alone.
		{"short", "en", "take it easy!", false, false},
		// A crisis statement denied: the learned signal defers to the
		// lexicon's negation.
		{"denied", "en", "I am not going to kill myself", false, false},
		// A known miss of both until crisis4's corpus rows (means, places
		// and plans said without a crisis word).
		{"bridge_fr", "fr", "je m'arrête sur le pont en rentrant et je me dis que ce serait facile", false, true},
		// A miss of both until crisis17en: "not gonna be around much
		// longer" is now a lexicon entry; the learned signal still misses it
		// (said plainly here so that nobody takes it for more than it is).
		{"not_around", "en", "sorry im not gonna be around much longer so cancel my subscription i guess", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, cp := m.analyzeParts(flow.AudienceCustomer, tt.lang, tt.text)
			if cp.lexicon != tt.lexicon || cp.learned != tt.learned {
				t.Errorf("%q: lexicon %v, learned %v (log-odds %.2f, cut %.1f); want %v, %v",
					tt.text, cp.lexicon, cp.learned, cp.logit, crisisCut, tt.lexicon, tt.learned)
			}
			if want := tt.lexicon || tt.learned; a.Signals.Crisis != want || (want && !a.Signals.Distress) {
				t.Errorf("%q: Signals %+v, want crisis %v (and distress with it)", tt.text, a.Signals, want)
			}
		})
	}
}

// TestLearnedCrisisDevAlarms: on the 3,295 real customer messages of the
// development routing file, neither crisis detector raises an alarm (the
// count measured when the learned signal was added; see
// /work/notes/crisisml.md). A false crisis sends the safety message to
// someone asking about a parcel: raise the count only after reading the
// new alarms, and add their look-alikes to corpus/calm.LANG.tsv first.
func TestLearnedCrisisDevAlarms(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	rows := readRows(t, dataDir+"routing.dev.tsv")
	if len(rows) < 3000 {
		t.Fatalf("only %d development routing rows", len(rows))
	}
	const maxLexicon, maxLearned = 0, 0
	var lex, learned int
	for _, r := range rows {
		_, cp := m.analyzeParts(flow.AudienceCustomer, r.lang, r.text)
		if cp.lexicon {
			lex++
			t.Logf("lexicon: %s", r.text)
		}
		if cp.learned {
			learned++
			t.Logf("learned (log-odds %.2f): %s", cp.logit, r.text)
		}
	}
	if lex > maxLexicon || learned > maxLearned {
		t.Errorf("of %d routing dev rows, the lexicon flagged %d (want at most %d) and the learned signal %d (want at most %d)",
			len(rows), lex, maxLexicon, learned, maxLearned)
	}
}

// TestLearnedCrisisCut: the learned signal's cut keeps the precision it
// was chosen for on its own training rows, scored out of fold (5 folds,
// each row scored by a model that did not learn it): at least 0.95, and
// no lower cut step reaches it. The held-out half of the posts is never
// used here.
func TestLearnedCrisisCut(t *testing.T) {
	t.Parallel()
	samples, err := crisisSamples()
	if err != nil {
		t.Fatal(err)
	}
	const k = 5
	type scored struct {
		z      float32
		crisis bool
	}
	var oof []scored
	s := &scratch{}
	for f := range k {
		var train, test []crisisSample
		for i, x := range samples {
			if i%k == f {
				test = append(test, x)
			} else {
				train = append(train, x)
			}
		}
		cm := trainCrisis(train, crisisParams, crisisBags)
		for _, x := range test {
			normalize(&s.d, x.text)
			s.feats = crisisFeatures(s.feats[:0], &s.d)
			s.clang = crisisLang(x.lang)
			if z := cm.logit(s); z > -1e9 {
				oof = append(oof, scored{z, x.crisis})
				if !x.crisis && z >= crisisCut {
					t.Logf("out of fold, flagged: %.2f %s", z, x.text)
				}
			}
		}
	}
	precision := func(cut float32) (float64, int, int) {
		var tp, fp int
		for _, o := range oof {
			if o.z >= cut {
				if o.crisis {
					tp++
				} else {
					fp++
				}
			}
		}
		return ratio(tp, tp+fp), tp, fp
	}
	p, tp, fp := precision(crisisCut)
	t.Logf("out of fold at cut %.1f: precision %.3f (%d crises, %d others)", float64(crisisCut), p, tp, fp)
	// The cut is the lowest half step reaching 0.95 (crisisCut). With
	// a single fit (before crisis-stable) this split gave 0.888 at 3.0:
	// the figure moved with the training order and with every row
	// added. Averaged over crisisBags orders (rate 0.2, l2 3e-4) it is
	// 0.951 here (98 crises, 5 others), and 0.955 pooled over this split
	// and four splits by a hash of the text, where 2.5 gives 0.931.
	const minPrecision = 0.95
	if p < minPrecision {
		t.Errorf("out-of-fold precision at cut %.1f is %.3f, want >= %.2f", float64(crisisCut), p, minPrecision)
	}
	if lp, ltp, lfp := precision(crisisCut - 0.5); lp >= 0.95 {
		t.Logf("cut %.1f would reach %.3f too (%d, %d): the cut may come down", float64(crisisCut)-0.5, lp, ltp, lfp)
	}
}

// TestLearnedCrisisStable: the learned signal does not hang on the order
// in which fit happens to see its rows. Trained along other shuffles
// (another seed) and without a few flow examples (a support lead's
// edit, which reshuffles every row), it says the same of nearly every
// held-out post. A single fit (crisisBags = 1, rate 0.4, l2 1e-3: the
// signal before crisis-stable) fails here: 31 answers changed of the 174
// held-out posts, log-odds spread 1.12 on average; averaged over
// crisisBags orders, 3 and 0.24 (/work/notes/crisis-stable.md).
//
// What is measured is the spread (how far the variants' log-odds lie
// apart) and the answers that change for a post far from the cut. A post
// within stableMargin of the cut may land on either side: how many sit
// there depends on the corpora, not on the fit's steadiness (crisis5's
// rows moved that count from 2 to 9 at an unchanged spread of 0.20), so
// those changes are logged, not counted against it.
func TestLearnedCrisisStable(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	samples, err := crisisSamples()
	if err != nil {
		t.Fatal(err)
	}
	reseeded := crisisParams
	reseeded.seed = 1000
	variants := []*crisisModel{
		m.crisis,
		trainCrisis(samples, reseeded, crisisBags),
		trainCrisis(samples[:len(samples)-3], crisisParams, crisisBags),
	}
	s := &scratch{}
	var n, flips, near int
	var spread float64
	for _, lang := range []string{"en", "fr"} {
		f, err := corpusFS.Open("corpus/posts/crisis." + lang + ".tsv")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := readCorpus(f, lang)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if !heldOut(r.text) {
				continue
			}
			normalize(&s.d, r.text)
			s.feats = crisisFeatures(s.feats[:0], &s.d)
			s.clang = crisisLang(lang)
			z0 := variants[0].logit(s)
			if z0 < -1e9 {
				continue
			}
			n++
			lo, hi := z0, z0
			for _, cm := range variants[1:] {
				z := cm.logit(s)
				lo, hi = min(lo, z), max(hi, z)
				if (z >= crisisCut) != (z0 >= crisisCut) {
					if abs32(z0-crisisCut) <= stableMargin {
						near++
					} else {
						flips++
					}
					t.Logf("%s: log-odds %.2f here, %.2f there: %s", lang, z0, z, r.text)
				}
			}
			spread += float64(hi - lo)
		}
	}
	spread /= float64(n)
	t.Logf("%d held-out posts: %d answers changed within %.1f of the cut, %d farther, log-odds spread %.2f on average",
		n, near, stableMargin, flips, spread)
	if flips > 0 || spread > 0.5 {
		t.Errorf("the learned signal hangs on its training order: %d answers of %d held-out posts changed farther than %.1f from the cut (want none), log-odds spread %.2f (want at most 0.5)",
			flips, n, stableMargin, spread)
	}
}

// TestLearnedCrisisCalmEdits: an edit of the calm rows the learned signal
// learns from (corpus/learn/calm.LANG.tsv: the flows' examples until
// route17, when each flow example was a calm row of it) moves the signal
// by what the edit teaches, not by a new order of every row. Fit visited
// its rows in a shuffle of their indices, so one row added or removed
// re-rolled the whole order: 20 ordinary rows added moved the held-out
// posts' log-odds by 0.13 on average (5 removed: 0.12), and rows near the
// cut and routing pins changed with them (route14 could not land its
// examples). The order is now drawn from each row's text (visitOrder):
// both edits move them by about 0.02.
func TestLearnedCrisisCalmEdits(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	samples, err := crisisSamples()
	if err != nil {
		t.Fatal(err)
	}
	nlearn := 0
	for _, lang := range []string{"en", "fr"} {
		rows, err := readLearnFile("corpus/learn/calm." + lang + ".tsv")
		if err != nil {
			t.Fatal(err)
		}
		nlearn += len(rows)
	}
	corpus := samples[:len(samples)-nlearn]
	flows := samples[len(corpus):]
	if len(flows) < 100 {
		t.Fatalf("%d learnt calm rows: too few to edit", len(flows))
	}
	// Ordinary requests a support lead might add, spread over the flows.
	added := []crisisSample{
		{text: "can I change the colour of the sofa I ordered", lang: "en"},
		{text: "the invoice shows the wrong company name", lang: "en"},
		{text: "do you deliver to the islands", lang: "en"},
		{text: "my discount code says it has expired", lang: "en"},
		{text: "how do I add a second card to my account", lang: "en"},
		{text: "the lamp flickers since I got it", lang: "en"},
		{text: "I'd like to pause my subscription for the summer", lang: "en"},
		{text: "where can I see my past orders", lang: "en"},
		{text: "the courier left my parcel in the rain", lang: "en"},
		{text: "please stop sending me paper statements", lang: "en"},
		{text: "je voudrais changer la couleur du canapé commandé", lang: "fr"},
		{text: "la facture porte le mauvais nom de société", lang: "fr"},
		{text: "livrez-vous en Corse", lang: "fr"},
		{text: "mon code de réduction est expiré", lang: "fr"},
		{text: "comment ajouter une deuxième carte à mon compte", lang: "fr"},
		{text: "la lampe clignote depuis que je l'ai reçue", lang: "fr"},
		{text: "je voudrais suspendre mon abonnement pour l'été", lang: "fr"},
		{text: "où voir mes anciennes commandes", lang: "fr"},
		{text: "le livreur a laissé mon colis sous la pluie", lang: "fr"},
		{text: "arrêtez de m'envoyer des relevés papier", lang: "fr"},
	}
	step := len(flows) / len(added)
	withAdded := slices.Clone(samples[:len(corpus)])
	for i, x := range flows {
		withAdded = append(withAdded, x)
		if k := i / step; i%step == 0 && k < len(added) {
			withAdded = append(withAdded, added[k])
		}
	}
	var withRemoved []crisisSample
	withRemoved = append(withRemoved, samples[:len(corpus)]...)
	for i, x := range flows {
		if i%(len(flows)/5) != 7 {
			withRemoved = append(withRemoved, x)
		}
	}
	if len(withAdded) != len(samples)+len(added) || len(withRemoved) != len(samples)-5 {
		t.Fatalf("edits: %d and %d rows of %d", len(withAdded), len(withRemoved), len(samples))
	}
	edits := []struct {
		name string
		cm   *crisisModel
	}{
		{"20 calm rows added", trainCrisis(withAdded, crisisParams, crisisBags)},
		{"5 calm rows removed", trainCrisis(withRemoved, crisisParams, crisisBags)},
	}
	s := &scratch{}
	for _, e := range edits {
		var n, far int
		var moved float64
		for _, lang := range []string{"en", "fr"} {
			f, err := corpusFS.Open("corpus/posts/crisis." + lang + ".tsv")
			if err != nil {
				t.Fatal(err)
			}
			rows, err := readCorpus(f, lang)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if !heldOut(r.text) {
					continue
				}
				normalize(&s.d, r.text)
				s.feats = crisisFeatures(s.feats[:0], &s.d)
				s.clang = crisisLang(lang)
				z0 := m.crisis.logit(s)
				if z0 < -1e9 {
					continue
				}
				z := e.cm.logit(s)
				n++
				moved += float64(abs32(z - z0))
				if (z >= crisisCut) != (z0 >= crisisCut) && abs32(z0-crisisCut) > flowEditMargin {
					far++
					t.Logf("%s: %s: log-odds %.2f, %.2f after: %s", e.name, lang, z0, z, r.text)
				}
			}
		}
		moved /= float64(n)
		t.Logf("%s: %d held-out posts moved %.3f on average, %d changed answer farther than %.2f from the cut", e.name, n, moved, far, flowEditMargin)
		if moved > 0.05 || far > 0 {
			t.Errorf("%s: held-out posts moved %.3f on average (want at most 0.05) and %d changed answer farther than %.2f from the cut (want none): the edit re-rolled the training order",
				e.name, moved, far, flowEditMargin)
		}
	}
}

// flowEditMargin: a held-out post this close to the cut may change its
// answer when its calm rows are edited (TestLearnedCrisisCalmEdits).
const flowEditMargin = 0.2

// stableMargin: a post whose log-odds lie this close to the cut may
// change its answer between training orders (TestLearnedCrisisStable).
const stableMargin = 0.5

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// TestLearnedCrisisDenialIsLocal: a crisis statement the lexicon hears
// denied ("I don't want to die") cancels that statement, not the rest of
// the message. The learned signal reads what is left; before, one denied
// phrase anywhere silenced it for the whole message, so "I don't want to
// die, … I feel like a burden on everyone" scored over the cut and was
// not flagged.
func TestLearnedCrisisDenialIsLocal(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		name, lang, text string
		crisis           bool
	}{
		// The rest of the message says it: a crisis.
		{"goodbyes", "en", "I don't want to die, but i've been giving my things away and saying goodbye to my friends one by one", true},
		{"letters", "en", "I'm not going to kill myself, but I've been giving my stuff away and writing letters to everyone", true},
		{"decided", "en", "I'm not suicidal, I've just written letters to everyone and I feel calm now that I've decided", true},
		{"lettres", "fr", "je ne suis pas suicidaire, mais j'ai écrit des lettres à tout le monde et je me sens calme maintenant que j'ai décidé", true},
		// The denial is all there is: quiet.
		{"denied", "en", "I am not going to kill myself", false},
		{"parcel", "en", "I'm not going to kill myself over a parcel, just cancel the order and refund me please", false},
		{"service", "en", "I'm not suicidal, just really fed up with your delivery service and your app", false},
		{"colis", "fr", "je ne vais pas me tuer pour un colis, annulez la commande et remboursez-moi", false},
		{"service_fr", "fr", "je ne suis pas suicidaire, juste très en colère contre votre service de livraison", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, cp := m.analyzeParts(flow.AudienceCustomer, tt.lang, tt.text)
			// The learned signal itself must hear the rest of the message;
			// the lexicon may hear it too (crisis10's paired cues hear
			// "giving my things away" with "saying goodbye").
			if tt.crisis && !cp.learned {
				t.Errorf("%q: the learned signal misses the rest of the message (log-odds %.2f, cut %.1f)", tt.text, cp.logit, crisisCut)
			}
			if !tt.crisis && cp.lexicon {
				t.Fatalf("%q: the lexicon hears a crisis: this test is about the learned signal", tt.text)
			}
			if a.Signals.Crisis != tt.crisis || (tt.crisis && !a.Signals.Distress) {
				t.Errorf("%q: crisis %v (learned log-odds %.2f, cut %.1f), want %v (and distress with it)",
					tt.text, a.Signals.Crisis, cp.logit, crisisCut, tt.crisis)
			}
		})
	}
	// The review's sentence: the lexicon now hears its second clause too
	// ("a burden on everyone"), which no negation reaches.
	const burden = "I don't want to die, but honestly I feel like a burden on everyone"
	if a := m.Analyze("en", burden); !a.Signals.Crisis {
		t.Errorf("%q: not a crisis", burden)
	}
}

// TestLearnedCrisisLongWindows: in a long message, a crisis said in one
// sentence the lexicon has no entry for is heard by the learned signal's
// windows (crisisWindows); read whole, the story around it drowned it
// (log-odds 2.61 and 2.67 before, under the cut). The same message with
// that sentence made ordinary stays quiet.
func TestLearnedCrisisLongWindows(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	const (
		en = "hi there, i ordered a set of kitchen chairs three weeks ago and only two of them arrived, the other two were supposedly delivered to my building but nobody has seen them. honestly %s. anyway the order number is on the receipt, can you check with the courier and let me know"
		fr = "bonjour, j'ai commandé quatre chaises de cuisine il y a trois semaines et seules deux sont arrivées, les deux autres auraient été livrées dans mon immeuble mais personne ne les a vues. %s. bref le numéro de commande est sur le reçu, vous pouvez voir avec le transporteur et me tenir au courant"
	)
	tests := []struct {
		name, lang, text string
		crisis           bool
	}{
		{"decided", "en", fmt.Sprintf(en, "i've written letters to everyone and i feel calm now that i've decided"), true},
		{"decide", "fr", fmt.Sprintf(fr, "j'ai écrit des lettres à tout le monde et je me sens calme maintenant que j'ai décidé"), true},
		{"complained", "en", fmt.Sprintf(en, "i've emailed everyone in your team and i feel calm now that i've complained"), false},
		{"rale", "fr", fmt.Sprintf(fr, "j'ai écrit à tout votre service et je me sens calme maintenant que j'ai râlé"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, cp := m.analyzeParts(flow.AudienceCustomer, tt.lang, tt.text)
			if cp.lexicon {
				t.Fatalf("the lexicon hears a crisis: this test is about the learned signal")
			}
			if a.Signals.Crisis != tt.crisis {
				t.Errorf("crisis %v (learned log-odds %.2f, cut %.1f), want %v", a.Signals.Crisis, cp.logit, crisisCut, tt.crisis)
			}
		})
	}
}

// TestLearnedCrisisFrenchEverydayWords: the same crisis, written the way
// people write to a company (bonjour, merci, cordialement, trop, boulot,
// testament, compte, maison), scores about as high in French as in
// English. Before crisis7 the French twins averaged 1.0 log-odds under the
// English ones: their everyday words appeared only in calm rows and
// pulled them down. Their French look-alikes, built from the same words,
// stay quiet. No corpus row copies these sentences.
func TestLearnedCrisisFrenchEverydayWords(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	pairs := []struct{ en, fr, frCalm string }{
		{"hi, thanks for the quick reply, but i don't think i'll be around to see the end of the month",
			"bonjour, merci de votre réponse rapide, mais je crois que je ne serai plus là pour voir la fin du mois",
			"bonjour, merci de votre réponse rapide, mais je crois que je ne serai plus client à la fin du mois"},
		{"i've sorted everything, the bills, the will, the letter for the kids, tonight i'm going for good",
			"j'ai tout réglé, les factures, le testament, la lettre pour les enfants, ce soir je m'en vais pour de bon",
			"j'ai tout réglé, les factures, le loyer, la cantine des enfants, ce soir je pars en week-end"},
		{"too much debt, too much work, i just want to sleep forever, thanks anyway",
			"trop de dettes, trop de boulot, je veux juste dormir pour toujours, merci quand même",
			"trop de boulot cette semaine, je veux juste dormir tout le week-end, merci quand même"},
		{"kind regards, i'm leaving my number but i won't answer anymore, i've taken all my pills",
			"cordialement, je vous laisse mon numéro mais je ne répondrai plus, j'ai pris tous mes cachets",
			"cordialement, je vous laisse mon numéro mais je ne répondrai pas avant lundi, je suis en congé"},
		{"please don't chase me, next week i won't be of this world anymore",
			"merci de ne pas relancer, la semaine prochaine je ne serai plus de ce monde",
			"merci de ne pas relancer, la semaine prochaine je serai à l'autre bout du monde"},
		{"my sister emptied her account, gave away her cat and said goodbye to me on the phone, i'm scared for her",
			"ma sœur a vidé son compte, donné son chat et elle m'a dit adieu au téléphone, j'ai peur pour elle",
			"ma sœur a vidé son compte pour acheter une maison, elle m'a appelée ce matin, trop contente"},
		{"so done with this life, tonight i'm taking the car and not coming back, love to all",
			"jpp de cette vie, ce soir je prends la voiture et je reviens pas, bisous à tous",
			"jpp de ce boulot, ce soir je prends la voiture et je pars chez ma mère, bisous à tous"},
		{"hi, i sold my house and gave everything away, all that's left is to disappear for good",
			"bonjour, j'ai vendu ma maison et tout donné, il ne me reste plus qu'à disparaître pour de bon",
			"bonjour, j'ai vendu ma maison et tout déménagé, il ne me reste plus qu'à changer l'adresse du compte"},
		{"i'm tired of fighting, i've got the rope and a quiet place, thanks for everything",
			"je suis fatigué de me battre, j'ai la corde et un endroit calme, merci pour tout",
			"je suis fatigué de me battre avec votre service client, merci pour rien"},
		{"peaceful at last, that's what i'll be after tonight, sorry to my kids",
			"paisible enfin, c'est ce que je serai après cette nuit, pardon à mes enfants",
			"paisible enfin, la maison est calme après le départ des enfants"},
		{"my husband says he can't stand living anymore and he's hidden the hunting rifle somewhere",
			"mon mari dit qu'il ne supporte plus de vivre et il a caché le fusil de chasse je sais pas où",
			"mon mari dit qu'il ne supporte plus votre musique d'attente, il veut résilier"},
		{"sorry to bother you, i just wanted to say thank you to someone before i end it",
			"dsl pour le dérangement, je voulais juste dire merci à quelqu'un avant d'en finir",
			"dsl pour le dérangement, je voulais juste dire merci à quelqu'un avant de partir en vacances"},
	}
	var en, fr float64
	for _, p := range pairs {
		_, e := m.analyzeParts(flow.AudienceCustomer, "en", p.en)
		_, f := m.analyzeParts(flow.AudienceCustomer, "fr", p.fr)
		en += float64(e.logit)
		fr += float64(f.logit)
		t.Logf("en %.2f, fr %.2f: %s", e.logit, f.logit, p.fr)
		if a, c := m.analyzeParts(flow.AudienceCustomer, "fr", p.frCalm); a.Signals.Crisis {
			t.Errorf("%q: a crisis (lexicon %v, learned log-odds %.2f, cut %.1f)", p.frCalm, c.lexicon, c.logit, crisisCut)
		}
	}
	n := float64(len(pairs))
	// Measured: en 2.28, fr 2.17 (before crisis7: en 2.14, fr 1.13).
	if gap := (en - fr) / n; gap > 0.5 {
		t.Errorf("French twins average %.2f log-odds under English (en %.2f, fr %.2f); want at most 0.5", gap, en/n, fr/n)
	}
}

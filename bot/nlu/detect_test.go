package nlu

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestCorpora requires every positive of the project's person and crisis
// corpora (corpus/*.tsv) to be caught and no hard negative flagged, in
// every language and category; calm.LANG.tsv holds crisis negatives only.
// Crisis is the lexicon's signal or the learned one: neither may flag a
// hard negative.
func TestCorpora(t *testing.T) {
	t.Parallel()
	reps, err := evalCorpora(builtinM(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) == 0 {
		t.Fatal("no corpus found")
	}
	for _, r := range reps {
		if r.Set != SetCorpus {
			continue // TestPosts
		}
		t.Run(r.Detector+"_"+r.Lang+"_"+r.Category, func(t *testing.T) {
			if r.Positives == 0 && !strings.HasPrefix(r.Category, calmFile+":") {
				t.Errorf("no positives")
			}
			for _, m := range r.Misses {
				t.Error(m)
			}
		})
	}
}

// TestSeniorSaidOfAnother: a person writing for an old relative is heard
// in English as in French; a number that is not an age is not one.
func TestSeniorSaidOfAnother(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		senior     bool
	}{
		{"en", "my grandmother is 90 and can't use the website, can you call her?", true},
		{"en", "my dad is 78 and the parcel is too heavy for him", true},
		{"en", "she's 85 and lives alone, the delivery must be at the door", true},
		{"en", "my mum who is 91 never got her order", true},
		{"fr", "ma grand-mère a 90 ans et n'arrive pas à utiliser le site", true},
		{"en", "the total is 90 and I was charged twice", false},
		{"en", "my order is 75 days late", false},
		{"en", "it is 80 euros, not 60", false},
		{"en", "he is 60 minutes late", false},
		{"en", "the shoes were 80 each, they're 80 and I was charged twice", false},
		{"en", "my boss is 60 and wants the invoice", false},
		{"en", "my son is 70 km away from the depot", false},
		{"fr", "le total est de 90 euros", false},
	} {
		got := slices.Contains(m.Analyze(tt.lang, tt.text).Signals.Vulnerable, "senior")
		if got != tt.senior {
			t.Errorf("%s %q: senior %v, want %v", tt.lang, tt.text, got, tt.senior)
		}
	}
}

// TestDistressV3 checks what distress v3 adds: weak cues said with force,
// negations that stop at a boundary, distress strong enough to be heard
// whatever the router chooses, and the senior said in passing.
func TestDistressV3(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		distress   bool // any of Distress, Anger, Anxiety
		vulnerable []string
	}{
		{"en", "I can't cope anymore", true, nil},
		{"fr", "je n'en peux plus", true, nil},
		{"en", "I'm 82 and I don't understand computers", false, []string{"senior"}},
		{"en", "I really miss him", true, nil},
		{"en", "this is so bad", true, nil},
		{"en", "I can't imagine how scary that was for you", true, nil},
		{"en", "I've never been this sad in my life", true, nil},
		{"en", "I feel so bad for her", true, nil},
		{"en", "that is incredibly disheartening", true, nil},
		{"en", "please stop harassing me", true, nil},
		{"en", "I'm not sad at all", false, nil},
		{"en", "I'm not scared", false, nil},
		{"en", "I'm a bit tired", false, nil},
		{"en", "it's not bad", false, nil},
		{"en", "mad respect for the driver", false, nil},
		{"en", "Can I resent my passcode?", false, nil},
		{"fr", "je suis vraiment fatiguée et découragée", true, nil},
		{"fr", "je ne suis pas triste", false, nil},
		{"fr", "ça me saoule, c'est n'importe quoi", true, nil},
		{"fr", "je flippe pour mon colis", true, nil},
		{"fr", "je vais péter un câble, c'est la troisième fois", true, nil},
		{"fr", "je suis à bout de nerfs", true, nil},
		{"fr", "je vais craquer", true, nil},
		{"fr", "on a pété les plombs de la maison en branchant votre radiateur", false, nil},
		{"fr", "je vais craquer pour le pull rouge", false, nil},
		{"fr", "ma box a pété les plombs cette nuit", false, nil},
		{"fr", "j'ai pété les plombs au téléphone avec votre service", true, nil},
		{"fr", "je ne vais pas bien", true, nil},
		{"fr", "je n'ai jamais été aussi triste", true, nil},
		{"fr", "je ne suis pas inquiète", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if got := s.Distress || s.Anger || s.Anxiety; got != tt.distress {
				t.Errorf("distress %v, want %v (%+v)", got, tt.distress, s)
			}
			if s.Crisis {
				t.Errorf("crisis on %q", tt.text)
			}
			if len(tt.vulnerable) > 0 && (len(s.Vulnerable) != 1 || s.Vulnerable[0] != tt.vulnerable[0]) {
				t.Errorf("vulnerable %v, want %v", s.Vulnerable, tt.vulnerable)
			}
		})
	}
}

// BenchmarkSignals measures the care signals and the person detector alone
// (every lexicon, every language), on real messages.
func BenchmarkSignals(b *testing.B) {
	m := New(builtin(b))
	msgs := benchMessages(b)
	s := m.pool.Get().(*scratch)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		r := msgs[i%len(msgs)]
		normalize(&s.d, r.text)
		m.signals(s, r.lang, r.lang)
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
}

// TestLexiconSyntax checks the lexicons' own syntax: word classes,
// optional parts, the start anchor and guards, on a small lexicon.
func TestLexiconSyntax(t *testing.T) {
	t.Parallel()
	lx, err := loadLexicons(mapFS(map[string]string{
		"words.en.txt":  "[partner]\nhusband~ wife\n[hits]\nhits hitting beat*\n[close]\n@partner dad\n[filler]\njust really\n",
		"person.en.txt": "1 talk to a? real? human\n1 ^ agent $\n0 talk to a human later\n",
		"crisis.en.txt": "1 my @close is? @hits me\n0 @hits me at\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	l := lx.byLang["en"]
	tests := []struct {
		text string
		kind entryKind
		want bool
	}{
		{"can I talk to a human", kindPerson, true},
		{"talk to human", kindPerson, true},
		{"talk to a real human please", kindPerson, true},
		{"talk to real a human", kindPerson, false},
		{"I'll talk to a human later", kindPerson, false}, // the guard
		{"agent", kindPerson, true},
		{"Stop. Agent!", kindPerson, true},          // the start of the last sentence
		{"my agent number is 4", kindPerson, false}, // not alone
		{"agent. my order is late", kindPerson, true},
		{"my husband hits me", kindCrisis, true},
		{"my husbnd is hitting me", kindCrisis, true}, // one typo in husband~
		{"my dad beats me", kindCrisis, true},         // @close holds @partner and dad; beat*
		{"my wif hits me", kindCrisis, false},         // wife has no ~
		{"my husband beat me at chess", kindCrisis, false},
		{"my husband really is hitting me", kindCrisis, true}, // [filler] words between two words
		{"my husband is just really hitting me", kindCrisis, true},
		{"my husband is really really really hitting me", kindCrisis, false}, // two fillers at most
		{"my husband is not hitting me", kindCrisis, false},                  // "not" is no filler
		{"can I talk to just a real human", kindPerson, true},
		{"really my husband hits me", kindCrisis, true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var d doc
			normalize(&d, tt.text)
			var f lexMatches
			cand := make([]uint32, len(d.toks))
			l.starts.candidates(&d, cand)
			var s signalScratch
			s.guards = l.find(&d, cand, &f, nil, true)
			var sc scores
			l.score(&d, &f, &s, &sc, l)
			if got := sc[tt.kind] >= threshold; got != tt.want {
				t.Errorf("%s = %v, want %v", kindNames[tt.kind], got, tt.want)
			}
		})
	}

	_, err = loadLexicons(mapFS(map[string]string{
		"words.en.txt":  "husband\n[a b]\nx\n[ok]\nab~ @nope\n",
		"person.en.txt": "1 @missing human\n1 talk ^ human\n1 talk to? ..? human\n",
	}))
	if err == nil {
		t.Fatal("broken lexicons loaded")
	}
	for _, want := range []string{
		"words.en.txt:1: a member before any [class] line",
		"words.en.txt:2: a class name is one word: [a b]",
		`words.en.txt:5: "ab" is too short to forgive a typo`,
		"words.en.txt:5: unknown word class @nope",
		"person.en.txt:1: unknown word class @missing",
		`person.en.txt:2: "^" must come first`,
		`person.en.txt:3: only one word, prefix or class can be optional, not ".."`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\ndoes not mention %q", err, want)
		}
	}
}

// FuzzLexicon loads arbitrary lexicon files: a maintainer's typo must give
// an error, never a panic, and a loaded lexicon must read any message.
func FuzzLexicon(f *testing.F) {
	f.Add("[partner]\nhusband~ wife\n", "1 my @partner? hits me\n0 hits me at\n1 ^ agent $\n", "my husband hits me")
	f.Add("[a]\n@a\n", "1 ^\n1 x? y\n1 @a?\n", "x y")
	f.Add("", "1 ..\n1 $\n0.5 a b* <num> <age> ..\n", "a bcd 12 80")
	f.Fuzz(func(t *testing.T, words, person, text string) {
		lx, err := loadLexicons(mapFS(map[string]string{"words.en.txt": words, "person.en.txt": person}))
		if err != nil {
			return
		}
		l := lx.byLang["en"]
		var d doc
		normalize(&d, text)
		cand := make([]uint32, len(d.toks))
		l.starts.candidates(&d, cand)
		var f lexMatches
		var s signalScratch
		s.guards = l.find(&d, cand, &f, nil, true)
		var sc scores
		l.score(&d, &f, &s, &sc, l)
	})
}

// TestPersonForEmployees: a colleague who asks to talk to someone gets
// peer support (a person too), not the customers' queue; asking for a
// person away from the bot still escalates.
func TestPersonForEmployees(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for text, want := range map[string]bool{
		"can I talk to a colleague":                  false,
		"I need to talk to someone about a customer": false,
		"I want a real person, not this bot":         true,
		"un humain svp":                              true,
	} {
		a := m.AnalyzeFor(flow.AudienceEmployee, "", text)
		if a.Escalate != want {
			t.Errorf("employee %q: Escalate %v (flow %q), want %v", text, a.Escalate, a.Flow, want)
		}
		if !want && a.Category != flow.CategoryEmployeeSupport {
			t.Errorf("employee %q: category %q, want peer support", text, a.Category)
		}
	}
	if a := m.AnalyzeFor(flow.AudienceCustomer, "", "I need to talk to someone about my order"); !a.Escalate {
		t.Error("a customer asking to talk to someone is not escalated")
	}
}

// TestDistressCorpus requires a care signal on every line of
// testdata/distress.LANG.txt: customers in distress, in their own words.
func TestDistressCorpus(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, lang := range []string{"en", "fr"} {
		b, err := os.ReadFile("testdata/distress." + lang + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			s := m.Analyze(lang, line).Signals
			if !s.Distress && !s.Anger && !s.Anxiety {
				t.Errorf("testdata/distress.%s.txt:%d: no care signal on %q", lang, n+1, line)
			}
		}
	}
}

// TestFrenchNeWithItsParticle: French says "ne … plus", "ne … pas"
// around the verb. An entry that holds the second half ("@pouvoir @plus
// respirer") says the negation itself, so the "ne" before it does not
// cancel it; before, "je ne peux plus respirer" was missed while "je peux
// plus respirer" was heard. A "ne" still cancels an entry without its
// particle, and "pas" still cancels what follows it.
func TestFrenchNeWithItsParticle(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"je ne peux plus respirer", true},
		{"mon père ne sent plus son bras", true},
		{"elle n'arrête plus de saigner", true},
		{"je ne me vois plus vivant", true},
		{"je peux plus respirer", true},
		{"je ne vais pas me tuer", false},
		{"je ne suis pas suicidaire", false},
		{"je n'ai pas envie de me tuer", false},
	}
	for _, tt := range tests {
		if a := m.Analyze("fr", tt.text); a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v, want %v", tt.text, a.Signals.Crisis, tt.crisis)
		}
	}
}

// TestCrisisNegationInTextLanguage: crisis entries are read in every
// language, and the negations of the text's language apply to them too:
// "ce n'est pas une overdose" was flagged by the English "overdos*",
// which only English negations reached, and "it was not an overdose" by
// the French "overdose". A negation of another language does not reach
// them ("point" negates in French, not in "at this point").
func TestCrisisNegationInTextLanguage(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"fr", "ce n'est pas une overdose, juste une indigestion", false},
		{"fr", "ce n'était pas une overdose, le médecin a dit que c'était la grippe", false},
		{"fr", "je n'ai jamais fait d'overdose, arrêtez de m'envoyer ces pubs", false},
		{"en", "it was not an overdose, the doctor said it was the flu", false},
		{"en", "no it wasn't an overdose, he just fainted from the heat", false},
		// Said, not denied: still a crisis.
		{"fr", "je crois que mon frère a fait une overdose, il ne se réveille pas", true},
		{"fr", "c'est une overdose, venez vite", true},
		{"en", "i think it's an overdose, he won't wake up", true},
		{"en", "at this point i want to die", true},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			a, cp := m.analyzeParts(flow.AudienceCustomer, tt.lang, tt.text)
			if a.Signals.Crisis != tt.crisis {
				t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v",
					tt.text, a.Signals.Crisis, cp.lexicon, cp.logit, tt.crisis)
			}
		})
	}
}

// TestFrenchChatJe: "je" glued to its verb, as French is typed in chats
// ("jveux", "j'peux", "jme", "chui"), is read as "je" and the verb, so
// that every entry written with the verb hears it. Before, "jveux
// mourir" and "jpeux plus respirer" were missed: "jveux" was one word.
func TestFrenchChatJe(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"jveux mourir", true},
		{"j'veux mourir sérieux", true},
		{"jpeux plus respirer", true},
		{"jme suis ouvert les veines", true},
		{"jvoudrais ne plus exister", true},
		{"jveux un remboursement", false},
		{"jpeux plus attendre votre livreur", false},
		{"chui mort de rire", false},
	}
	for _, tt := range tests {
		if a := m.Analyze("fr", tt.text); a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v, want %v", tt.text, a.Signals.Crisis, tt.crisis)
		}
	}
}

// TestCrisisLexiconOnly: entries whose corpus row would teach the learned
// signal a word too common to carry a crisis ("understand": a row with it
// made "I don't understand the letter you sent me and I'm scared" an
// alarm). The lexicon hears them; no row trains on them.
func TestCrisisLexiconOnly(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "my mum will understand when i'm gone", true},
		{"en", "they will understand after i'm gone", true},
		{"fr", "ils comprendront quand je ne serai plus là", true},
		{"en", "i don't understand the letter you sent me and i'm scared", false},
		{"fr", "je ne comprends pas la lettre que vous m'avez envoyée et j'ai peur", false},
		// "je me tue" in the present said as a plan; the same words for
		// working hard or for insisting are not a crisis.
		{"fr", "ok. ce soir je me tue", true},
		{"fr", "merci pour tout. demain je me tue", true},
		{"fr", "bonjour, je me tue ce soir, désolé", true},
		{"fr", "je me tue au travail et vous perdez mon colis", false},
		{"fr", "je me tue à vous le répéter depuis trois semaines", false},
		{"fr", "je me tue à la tâche pour payer vos factures", false},
		{"fr", "je me tue pour rien avec ce formulaire", false},
	}
	for _, tt := range tests {
		a, cp := m.analyzeParts(flow.AudienceCustomer, tt.lang, tt.text)
		if cp.lexicon != tt.crisis || a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: lexicon %v, crisis %v (learned log-odds %.2f); want %v", tt.text, cp.lexicon, a.Signals.Crisis, cp.logit, tt.crisis)
		}
	}
}

// TestCrisisErrandGoodbyes: a goodbye said as an errand or a plan said
// without a crisis word is heard by the lexicon only when an errand (or a
// means) meets a finality cue, in English and in French alike; the same
// errand for a holiday, a move, a job or an order stays quiet.
func TestCrisisErrandGoodbyes(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "please feed my cats when i'm gone", true},
		{"fr", "nourrissez mes chats quand je ne serai plus là", true},
		{"en", "give my dog to my brother after tonight", true},
		{"fr", "donnez mon chien à mon frère après ce soir", true},
		{"en", "tell my dad i love him, one last time", true},
		{"fr", "dites à mon père que je l'aime, une dernière fois", true},
		{"en", "thanks for putting up with me, i'm going for good", true},
		{"fr", "merci de m'avoir supporté, je pars pour de bon", true},
		{"en", "this is the last time i'll write, i won't be here to read your answer", true},
		{"fr", "c'est la dernière fois que je vous écris, je ne serai plus là pour lire la réponse", true},
		{"en", "i bought a rope, everything is ready", true},
		{"fr", "j'ai acheté une corde, tout est prêt", true},
		{"en", "it would be a relief if i never woke up", true},
		{"fr", "ce serait un soulagement de ne plus me réveiller", true},
		{"en", "please feed my cats while i'm away at my mum's", false},
		{"fr", "nourrissez mes chats pendant que je suis chez ma mère", false},
		{"en", "who can look after my dog when i'm gone for the weekend", false},
		{"en", "tell my dad i love him, see you all at christmas", false},
		{"fr", "dites à mon père que j'adore son cadeau", false},
		{"en", "i'm closing my account for good", false},
		{"fr", "je ferme mon compte pour de bon", false},
		{"en", "one last time, where is my refund", false},
		{"fr", "une dernière fois, où est mon remboursement", false},
		{"en", "i bought a rope for the boat", false},
		{"fr", "j'ai acheté une corde pour le bateau", false},
		{"en", "everything is ready for the move after tonight's packing", false},
		{"fr", "tout est prêt pour le déménagement", false},
		{"en", "i won't be here next week, please deliver on monday", false},
		{"fr", "je ne serai pas là la semaine prochaine, livrez lundi", false},
		// What is handed over, kept or left behind, with a finality cue.
		{"en", "please give my savings to my daughter once i'm gone", true},
		{"fr", "donnez mes économies à ma fille une fois que je serai partie", true},
		{"en", "left a letter for my husband, everything is in order", true},
		{"fr", "j'ai laissé une lettre pour mon mari, tout est en ordre", true},
		{"en", "i've kept a box of pills aside, tonight i'm taking them all", true},
		{"fr", "j'ai gardé une boîte de cachets, ce soir je les prends tous", true},
		{"en", "please give the parcel to my daughter, she's at home", false},
		{"fr", "donnez le colis à ma fille, elle est à la maison", false},
		{"en", "left a letter for my husband at reception", false},
		{"fr", "j'ai laissé une lettre pour mon mari à l'accueil", false},
		{"en", "i've kept the receipt for my pills", false},
		{"fr", "j'ai gardé l'ordonnance de mes cachets", false},
	}
	for _, tt := range tests {
		a, cp := m.analyzeParts(flow.AudienceCustomer, tt.lang, tt.text)
		if cp.lexicon != tt.crisis || (tt.crisis && !a.Signals.Crisis) {
			t.Errorf("%q: lexicon %v, crisis %v (learned log-odds %.2f); want %v", tt.text, cp.lexicon, a.Signals.Crisis, cp.logit, tt.crisis)
		}
	}
}

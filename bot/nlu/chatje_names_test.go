package nlu

import (
	"strings"
	"testing"
)

// TestChatJeLeavesWordsWhole: the chat
// 'je' split (chatJe) must change only "je" glued to a verb, never an
// ordinary French word, a name, or a word of an English message.
func TestChatJeLeavesWordsWhole(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"jeu", "jeu"},
		{"jeux video", "jeux video"},
		{"jean troue", "jean troue"},
		{"Jean-Pierre", "jean pierre"},
		{"jet d'eau", "jet d eau"},
		{"jetee", "jetee"},
		{"chut", "chut"},
		{"chuter", "chuter"},
		{"jeune", "jeune"},
		{"jaime", "jaime"},
		{"jme", "je me"},
		// A name: the surname Chui (Cantonese), Chuí (town, Brazil).
		{"Mme Chui a appelé", "mme chui a appele"},
		{"livraison à Chuí", "livraison a chui"},
		// An English message: JME (Java ME, a rapper), "chui".
		{"JME phone", "jme phone"},
		{"le colis de M. Chui", "le colis de m chui"},
		{"vu avec Dr. Chui hier", "vu avec dr chui hier"},
		// Chat French: a capital that starts a sentence, a shouted message.
		{"Chui crevé", "je suis creve"},
		{"désolé. Chui nul", "desole je suis nul"},
		{"ok\nJveux partir", "ok je veux partir"},
		{"JVEUX MOURIR", "je veux mourir"},
		{"AIDEZ MOI JVEUX", "aidez moi je veux"},
	}
	var d doc
	for _, tt := range tests {
		normalize(&d, tt.in)
		if got := string(d.buf); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestChatJeNotFrench: a text known not to be French keeps its chat 'je'
// words whole, as Analyze reads it once the language is guessed.
func TestChatJeNotFrench(t *testing.T) {
	t.Parallel()
	var d doc
	normalizeAs(&d, "jveux chui", false)
	if got := string(d.buf); got != "jveux chui" || d.jeSplits != 0 {
		t.Errorf("normalizeAs(not French) = %q (%d splits), want whole", got, d.jeSplits)
	}
	m := builtinM(t)
	if a := m.Analyze("en", "thank you so much, the order for chui was delivered and the team was great"); a.Signals.Crisis || a.Lang != "en" {
		t.Errorf("English text with the name chui: crisis %v, lang %q", a.Signals.Crisis, a.Lang)
	}
}

// TestOddInput: crisis5/7's paths (negation in the text's
// language, chat 'je', long-message windows) on odd input: no panic, and
// nothing calm becomes a crisis.
func TestOddInput(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	big := strings.Repeat("mon colis est en retard et le livreur ne répond pas. ", 2000) // ~104 KB
	tests := []string{
		"",
		"\xff\xfe\xfd",
		"jveux\xffmourir",
		"j\xff'peux",
		strings.Repeat("\xff", 100<<10),
		strings.Repeat("!?.,;:…«»", 12000),
		strings.Repeat("😀🔥💀", 10000),
		strings.Repeat("jveux ", 20000),
		strings.Repeat("j'", 50000),
		strings.Repeat("n'", 50000),
		strings.Repeat("pas ", 25000),
		strings.Repeat("ne ", 30000),
		strings.Repeat("\u0301", 30000),
		strings.Repeat("a", 100<<10),
		big,
		big + " jveux mourir",
		"ne pas\x00jveux\x00mourir",
		"𝐣𝐯𝐞𝐮𝐱 𝐦𝐨𝐮𝐫𝐢𝐫",
		"ｊｖｅｕｘ　ｍｏｕｒｉｒ",
		strings.Repeat(":(", 40000),
	}
	for _, lang := range []string{"fr", "en", "", "xx"} {
		for _, text := range tests {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s %.40q (%d bytes): panic %v", lang, text, len(text), r)
					}
				}()
				m.Analyze(lang, text)
			}()
		}
	}
}

// TestNameIsNoCrisis: a surname that equals a chatJe key makes a
// calm message a crisis alarm, where any other surname does not.
func TestNameIsNoCrisis(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, name := range []string{"Lin", "Chui"} {
		text := "le colis pour M. " + name + " en danger d'être renvoyé ?"
		if a := m.Analyze("fr", text); a.Signals.Crisis {
			t.Errorf("%q: crisis alarm (read as %q)", text, normalized(text))
		}
	}
}

func normalized(s string) string {
	var d doc
	normalize(&d, s)
	return string(d.buf)
}

// TestChatWordsKeepEnglishGuess: an English message holding a word that
// is French chat shorthand too ("koi", "tt", "jy") is still guessed
// English: read as French ("quoi", "tout", "j y") its guess was unsure,
// and the text kept the French reading. A French chat message keeps its
// reading and what it asks (review2-s8).
func TestChatWordsKeepEnglishGuess(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text, lang string
		escalate   bool
	}{
		{"my koi pond pump stopped working", "en", false},
		{"the tt live stream broke", "en", false},
		{"my jy account is locked", "en", false},
		{"ya qqn ?", "", true},
		{"jveux parler a qqn", "fr", true},
		{"ct nul", "fr", false},
	}
	for _, tt := range tests {
		if a := m.Analyze("", tt.text); a.Lang != tt.lang || a.Escalate != tt.escalate {
			t.Errorf("%q: lang %q, escalate %v; want %q, %v", tt.text, a.Lang, a.Escalate, tt.lang, tt.escalate)
		}
	}
}

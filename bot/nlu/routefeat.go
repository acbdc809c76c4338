package nlu

import (
	"bytes"
	"slices"
	"sync"
)

// The router reads, beside its words and n-grams, which words belong to a
// few word classes of words.LANG.txt: a thing that failed ([fault]:
// "flickers", "leaking", « grésille ») and a person treated badly
// ([rude]: "condescending", « méprisant »). A word of a class adds the
// class's concept as one more feature, the same in every language, so that
// what the complaint examples teach about "the lamp flickers" holds for
// "the screen flickers" and « l'écran clignote » too. Strangers name
// products and faults nobody here wrote an example for ("the dishwasher
// isn't draining"); without the concept most of such a message is words
// no example has, which count in its length (classify) and leave it to
// the fallback.
//
// The concepts are the router's only: the learned crisis signal reads the
// router's words and n-grams (crisisFeatures), not these, so a list of
// faults cannot move a crisis score.
var routeConcepts = map[string]map[string]string{
	"en": {"fault": "fault", "rude": "rude"},
	"fr": {"fault": "fault", "rude": "rude"},
}

var seedRouteConcept = fnvOffset ^ uint64(0x2545f4914f6cdd1d)

// routeConceptIndex is built once per process from the embedded lexicons;
// empty when they do not load (the model's own load reports that).
var routeConceptIndex = sync.OnceValue(func() *conceptIndex {
	return classIndex(routeConcepts, seedRouteConcept)
})

// jobWorryIndex is the word class of losing one's job ("laid off",
// "redundant", « licencié », « viré »): a colleague who writes of it is
// worried even in calm words ("they're cutting jobs and I might be next"),
// see routeColleague. A gate, not a feature: the router does not read it.
var jobWorryIndex = gateIndex("jobloss")

// selfToldIndex is the word class of a message told of oneself ("I",
// "my", « je », « mon »): a customer's feeling said of oneself that
// reaches no flow goes to the worries flow (see route); a feeling word in
// a question of the world ("how many people died in the storm", "tell me
// a scary story") stays the fallback's. A gate, not a feature.
var selfToldIndex = gateIndex("selftold19")

// serviceIndex is the word class of what a customer leaves or
// cancels ("billing", "cancelling", an app, « abonnement », « service
// client »): a farewell that names one is a service left, and the
// farewell's low cut is no reading of it (crisisCutFarewell, review19b).
// A gate, not a feature: neither the router nor the crisis signal reads
// it.
var serviceIndex = gateIndex("service19")

// ventIndex is the word class of wanting to vent ("vent", "rant", « râler
// », « défouler »): a colleague who writes it wants to be listened to (see
// routeVent). A gate, not a feature.
var ventIndex = gateIndex("vent")

// andIndex is the word class that joins two needs in one message
// ("and", « et »; see routeTwoNeeds).
var andIndex = gateIndex("and")

// joinsIndex is the word class that joins a problem to how the person
// feels about it ("and", "because", « parce que »; see routeClauses). A
// gate, not a feature.
var joinsIndex = gateIndex("joins25")

// feltOfIndex and feltItIndex are the words that give a feeling its own
// object ("of", "about", « de »), and those that point back at the
// problem ("it", « ça »): see feltBeside. Gates, not features.
var (
	feltOfIndex = gateIndex("feltof25")
	feltItIndex = gateIndex("feltit25")
)

// customerIndex is the word class of a customer spoken of ("customer", «
// client »; see customerQuestion). A gate, not a feature.
var customerIndex = gateIndex("customer24")

// refIndex is the word class of the words that name a reference ("my
// order is", « c'est la commande »; see onlyReference). A gate, not a
// feature.
var refIndex = gateIndex("ref24")

// workIndex is the word class of a colleague's own work matter ("payroll",
// "my shift", « ma paie »; see customerQuestion). A gate, not a feature.
var workIndex = gateIndex("work24")

// gateIndex indexes, once per process, the word class named class in every
// language: a gate some routing rule reads, not a feature of the router.
func gateIndex(class string) func() *conceptIndex {
	return sync.OnceValue(func() *conceptIndex {
		return classIndex(map[string]map[string]string{"en": {class: class}, "fr": {class: class}}, seedRouteConcept)
	})
}

// classIndex indexes the words and prefixes of the word classes of
// classes (language → class → concept), each concept hashed with seed.
func classIndex(classes map[string]map[string]string, seed uint64) *conceptIndex {
	ix := &conceptIndex{words: map[string][]uint64{}}
	lx, err := embeddedLexicons()
	if err != nil {
		return ix
	}
	for _, lang := range lx.langs {
		l := lx.byLang[lang]
		names := make([]string, 0, len(classes[lang]))
		for name := range classes[lang] {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			c := l.classes[name]
			if c == nil {
				continue
			}
			h := hashBytes(seed, classes[lang][name])
			for i := range int32(c.words.len()) {
				if w := c.words.str(i); !slices.Contains(ix.words[w], h) {
					ix.words[w] = append(ix.words[w], h)
				}
			}
			for i := range int32(c.prefixes.len()) {
				ix.prefixes = append(ix.prefixes, []byte(c.prefixes.str(i)))
				ix.pconcept = append(ix.pconcept, h)
			}
		}
	}
	return ix
}

// has reports whether a word of d (after keepEnds) is of a class of ix.
func (ix *conceptIndex) has(d *doc) bool {
	for i, t := range d.toks {
		if t.num >= 0 {
			continue
		}
		w := d.word(i)
		if len(ix.words[string(w)]) > 0 {
			return true
		}
		for _, p := range ix.prefixes {
			if bytes.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// appendRouteConcepts appends to fs the route concept features of d's
// tokens (after keepEnds, as appendFeatures leaves them): each concept
// once per word that has it, weighing cw (params.routeConcept; 0 appends
// nothing).
func appendRouteConcepts(fs []feature, d *doc, cw float32) []feature {
	if cw == 0 {
		return fs
	}
	return routeConceptIndex().appendTo(fs, d, cw)
}

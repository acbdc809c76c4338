package bot

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/flows"
)

// TestYesNoButtonsAlikeInEveryLanguage reads every button of the built-in
// flows as yesNoChoice does (its label, or its simple label, opening with
// a yes or a no phrase) and wants the same reading in English and in
// French: otherwise a "no" takes a button in one language and gets "I
// didn't catch which one you meant" in the other. Before, at peer
// support's "What's going on?", "no" took "I'd rather not say" ("i'd
// rather not" is a decline word) and « non » nothing (« je préfère ne pas
// » was none); at its "Would you like a breathing pause, or shall I ask a
// team lead…?", « non » took « Ça ira pour l'instant » (« ça ira ») and
// "no" nothing.
func TestYesNoButtonsAlikeInEveryLanguage(t *testing.T) {
	t.Parallel()
	set, err := flow.Load(flows.FS)
	if err != nil {
		t.Fatal(err)
	}
	yes, no := yesNoPhrases(set)
	names := map[yesNo]string{neither: "neither", saysYes: "yes", saysNo: "no"}
	reading := func(l string) yesNo {
		switch ws := words(l); {
		case opens(ws, yes):
			return saysYes
		case opens(ws, no):
			return saysNo
		}
		return neither
	}
	// A button reads as yes or no when its label or its simple label does.
	read := func(c *flow.Choice, lang string) yesNo {
		if r := reading(c.Label.In(lang, "")); r != neither {
			return r
		}
		return reading(c.Label.SimpleIn(lang, ""))
	}
	for _, id := range set.Order {
		for _, st := range set.Flows[id].Steps {
			if st.Choose == nil {
				continue
			}
			for _, c := range st.Choose.Choices {
				if en, fr := read(c, "en"), read(c, "fr"); en != fr {
					t.Errorf("%s/%s: button %q (%q) reads %s in English, %s in French", id, st.ID, c.Label.In("en", ""), c.Label.In("fr", ""), names[en], names[fr])
				}
			}
		}
	}
}

package nlu

import (
	"math"
	"testing"
)

// TestExampleEditsLeaveSafetyModels: the learned crisis and person signals
// learn from their corpora only, so an edit of the flows' examples made
// for routing leaves them as they were, bit for bit. Until route17 every
// flow example was a calm row of both (and the human flow's a request of
// the person signal): a round of routing work dropped three fixes for what they
// did there (person precision out of fold 0.969 against its 0.97 floor,
// a French calm row over the crisis cut, a crisis post missed).
func TestExampleEditsLeaveSafetyModels(t *testing.T) {
	t.Parallel()
	base := builtinM(t)
	edited := builtin(t)
	// Examples a support lead might add for routing, some with the words
	// the safety signals weigh (a person, someone, pills, a knife, dying).
	added := map[string][]struct{ lang, text string }{
		"order_problem":   {{"en", "the knife block I ordered came without knives"}, {"fr", "mes cachets commandés en pharmacie n'arrivent pas"}},
		"cancel_refund":   {{"en", "my husband died and his subscription still runs"}, {"fr", "ma mère est décédée, je veux fermer son compte"}},
		"human":           {{"en", "could a member of staff look at my file"}, {"fr", "un conseiller peut regarder mon dossier"}},
		"reassurance":     {{"en", "i'm scared my parcel is gone for good"}, {"fr", "j'ai peur que mon colis soit perdu pour de bon"}},
		"welcome":         {{"en", "hiya, i have a question"}, {"fr", "coucou, j'ai une question"}},
		"billing_problem": {{"en", "this bill is killing me"}, {"fr", "cette facture me tue"}},
	}
	for id, exs := range added {
		f := edited.Flows[id]
		if f == nil {
			t.Fatalf("no flow %q", id)
		}
		for _, e := range exs {
			f.Triggers.Examples[e.lang] = append(f.Triggers.Examples[e.lang], e.text)
		}
	}
	// And a few removed.
	for _, id := range []string{"order_problem", "human"} {
		for _, lang := range []string{"en", "fr"} {
			exs := edited.Flows[id].Triggers.Examples[lang]
			if len(exs) < 3 {
				t.Fatalf("%s/%s: %d examples", id, lang, len(exs))
			}
			edited.Flows[id].Triggers.Examples[lang] = exs[2:]
		}
	}
	m := New(edited)
	if m == base {
		t.Fatal("the edited flows got the model of the built-in ones")
	}
	if m.person == nil || base.person == nil {
		t.Fatal("no learned person signal")
	}
	for _, c := range []struct {
		name string
		a, b *crisisModel
	}{{"crisis", base.crisis, m.crisis}, {"person", base.person.lm, m.person.lm}} {
		if n := differentWeights(c.a, c.b); n > 0 {
			t.Errorf("the learned %s signal changed with an edit of the flows' examples: %d weights or biases differ", c.name, n)
		}
	}
}

// differentWeights counts the features (by hash) whose weight differs
// between a and b, and the biases that differ.
func differentWeights(a, b *crisisModel) int {
	byHash := func(cm *crisisModel) map[uint64]uint32 {
		w := map[uint64]uint32{}
		for i, k := range cm.tab.keys {
			if k != 0 {
				w[k] = math.Float32bits(cm.w[cm.tab.ids[i]])
			}
		}
		return w
	}
	wa, wb := byHash(a), byHash(b)
	n := 0
	for h, x := range wa {
		if y, ok := wb[h]; !ok || x != y {
			n++
		}
	}
	for h := range wb {
		if _, ok := wa[h]; !ok {
			n++
		}
	}
	if a.bias != b.bias {
		n++
	}
	for i := range a.lbias {
		if a.lbias[i] != b.lbias[i] {
			n++
		}
	}
	return n
}

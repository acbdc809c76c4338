package nlu

import (
	"fmt"
	"hash/maphash"
	"testing"
)

// TestStrIndex: every string added is found by its bytes and by its
// string, once, whatever the hashes; others are not.
func TestStrIndex(t *testing.T) {
	t.Parallel()
	x := newStrIndex()
	words := []string{"", "a", "ab", "abc", "été", "kill", "killer", "kill"}
	want := map[string]int32{}
	for _, w := range words {
		i, added := x.add(w)
		if _, seen := want[w]; seen == added {
			t.Errorf("add(%q): added %v, seen before %v", w, added, seen)
		}
		if !added && i != want[w] {
			t.Errorf("add(%q) again: %d, want %d", w, i, want[w])
		}
		want[w] = i
	}
	for w, i := range want {
		if got := x.find([]byte(w)); got != i {
			t.Errorf("find(%q) = %d, want %d", w, got, i)
		}
		if got := x.findString(w); got != i {
			t.Errorf("findString(%q) = %d, want %d", w, got, i)
		}
		if got := x.str(i); got != w {
			t.Errorf("str(%d) = %q, want %q", i, got, w)
		}
	}
	for _, w := range []string{"k", "kil", "killers", "ete", "b"} {
		if got := x.find([]byte(w)); got != -1 {
			t.Errorf("find(%q) = %d, want -1", w, got)
		}
	}
	// Strings sharing a hash are told apart by their bytes.
	x.byHash[maphashOf(&x, "zzz")] = x.findString("kill")
	x.prev[x.findString("kill")] = -1
	if got := x.findString("zzz"); got != -1 {
		t.Errorf("a string sharing the hash of %q: found %d", "kill", got)
	}
}

func maphashOf(x *strIndex, s string) uint64 { return maphash.String(x.seed, s) }

// TestWordClassHas: a class's words, prefixes and typos forgiven are
// members, for members of every length, as its words file says.
func TestWordClassHas(t *testing.T) {
	t.Parallel()
	l := &lexicon{lang: "en", classes: map[string]*wordClass{}}
	next := 0
	errs := l.parseClasses("words.en.txt", "[base]\nwife\nbro*\n[c]\n@base husband~ partner~ fiance~ spouse kid\nmum* boyfriend~\n", &next)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	c := l.classes["c"]
	tests := []struct {
		w    string
		want bool
	}{
		{"wife", true}, {"brother", true}, {"bro", true}, {"br", false},
		{"husband", true}, {"husbnd", true}, {"hussband", true}, {"uhsband", true}, {"hsbnd", false},
		{"partner", true}, {"parnter", true}, {"partners", true},
		{"fiance", true}, {"fiancee", true}, {"fianc", true},
		{"spouse", true}, {"spuse", false}, {"kid", true}, {"kids", false},
		{"mummy", true}, {"boyfriend", true}, {"boyfrend", true}, {"boyfriends", true}, {"boyfrien", true},
		{"wifey", false}, {"", false},
	}
	for _, tt := range tests {
		if got := c.has([]byte(tt.w)); got != tt.want {
			t.Errorf("has(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
	if got := fmt.Sprint(c.isWord([]byte("kid")), c.isWord([]byte("mummy"))); got != "true false" {
		t.Errorf("isWord(kid), isWord(mummy) = %s, want true false", got)
	}
}

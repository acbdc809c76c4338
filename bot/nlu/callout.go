package nlu

// A call: a person shouting to see whether anyone is there ("HELLO???
// ANYONE???", « ALLO??? Y A QUELQU'UN??? »). Nothing but a greeting and
// "anyone", with a burst of marks: it asks for a person, as "is someone
// there?" does (person.LANG.txt), and is no complaint, whatever the
// capitals and marks would make of it (shoutedAnger). Without a burst the
// chat opener "hello, anyone there" stays a greeting, answered by the
// welcome, which offers a person (route12).

// callWords are the words a call is made of, in English and French,
// normalised (lower case, no accents, « quelqu'un » one word).
var callWords = map[string]bool{
	"hello": true, "hellooo": true, "hi": true, "hey": true, "hallo": true, "hullo": true, "oi": true, "yo": true,
	"is": true, "are": true, "there": true, "here": true, "anybody": true, "anyone": true, "someone": true,
	"somebody": true, "any": true, "one": true, "body": true, "please": true, "excuse": true, "me": true,
	"allo": true, "alo": true, "he": true, "ho": true, "ohe": true, "bonjour": true, "salut": true, "coucou": true,
	"y": true, "a": true, "il": true, "quelquun": true, "personne": true, "la": true, "svp": true, "stp": true,
}

// calleeWords are those of callWords that name whoever may be there: a
// call has one.
var calleeWords = map[string]bool{
	"anybody": true, "anyone": true, "someone": true, "somebody": true, "quelquun": true, "personne": true,
}

// callingOut reports whether d is a call: a burst of marks ("???",
// "!!!"), and only words of a call, one of them naming whoever may be
// there.
func callingOut(d *doc) bool {
	if !d.burst || len(d.toks) == 0 || len(d.toks) > 8 {
		return false
	}
	callee := false
	for i := range d.toks {
		// A map lookup of a converted []byte does not copy it.
		if !callWords[string(d.word(i))] {
			return false
		}
		callee = callee || calleeWords[string(d.word(i))]
	}
	return callee
}

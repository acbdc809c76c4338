package nlu

import "testing"

// TestFellAsleepOrBehindIsNoFall24: 7bf78ec heard "<fell> … and <subject>
// can't get up" as a fall (a crisis), with guards for falling asleep, in
// love or behind; but a guard inside the longer match does not hold, and
// its rows ("I fell asleep on the sofa and now I can't get up for work
// lol", "I fell behind on my payments and I can't get up to date") were
// calm only because their words between were too many for the match. Said
// shorter, "I fell asleep and I can't get up for work", "we fell behind
// on rent and we can't get up to date" and "I fell in love and I can't get
// up" got the safety message. A fall told is still a crisis, and so is
// an older person who fell asleep and cannot get up: that may be one.
func TestFellAsleepOrBehindIsNoFall24(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I fell asleep and I can't get up for work", false},
		{"en", "we fell behind on rent and we can't get up to date", false},
		{"en", "I fell behind and I can't get up to date", false},
		{"en", "I fell in love and I can't get up", false},
		// A fall told: still a crisis.
		{"en", "I fell in the bathroom and I can't get up", true},
		{"en", "my dad fell in the garden and he can't get up", true},
		{"en", "I fell down the stairs and I can't get up", true},
	})
}

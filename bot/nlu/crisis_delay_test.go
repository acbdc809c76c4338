package nlu

import "testing"

// TestDelayWillNotKill: a delay, a wait or a parcel that "will kill me" is
// a customer's exasperation, not a threat: before, « ce retard va me
// tuer » sent the safety message to someone waiting for a parcel (the
// crisis entry « va me tuer » had guards for a boss, a mother and a bill,
// not for the delivery). A person who will kill the customer is still a
// crisis, said with a delay or not.
func TestDelayWillNotKill(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"fr", "ce retard va me tuer", false},
		{"fr", "cette attente va me tuer, ça fait trois semaines", false},
		{"fr", "votre livraison va me tuer", false},
		{"fr", "ce colis va me tuer, toujours pas là", false},
		{"en", "this delay will kill me", false},
		{"en", "this wait is going to kill me, three weeks now", false},
		// still crises
		{"fr", "il va me tuer", true},
		{"fr", "mon mari est furieux du retard, il va me tuer", true},
		{"fr", "mon ex va me tuer, il est devant chez moi", true},
		{"en", "he is going to kill me", true},
		{"en", "my husband is angry the parcel is late, he will kill me", true},
	})
}

// TestPartnerWillKillOverABill: a husband or a boyfriend who "will kill
// me" over a bill or a parcel is a threat, even written without a comma.
// Before, the guards that keep "this bill will kill me" calm («
// @facture @il? va me tuer », "@costs .. kill me") also silenced "my
// husband saw the bill he will kill me" and « mon mari a vu la facture il
// va me tuer »; only a comma or an "and" kept the alarm.
func TestPartnerWillKillOverABill(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "my husband saw the bill he will kill me", true},
		{"en", "if my husband sees this bill he will kill me", true},
		{"en", "my boyfriend saw the delivery he's going to kill me", true},
		{"fr", "mon mari a vu la facture il va me tuer", true},
		{"fr", "si mon mari voit la facture il va me tuer", true},
		{"fr", "mon copain a vu la commande il va me tuer", true},
		// the bill alone, still calm
		{"en", "this bill is going to kill me", false},
		{"fr", "cette facture va me tuer", false},
		{"fr", "la facture elle va me tuer", false},
	})
}

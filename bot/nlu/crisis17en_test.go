package nlu

import "testing"

// TestCrisisGoodbyesVeiled17en: danger to life said as a thanks, a
// sign-off or an absence, in the families crisis17en wrote (crisis.en.txt
// and its [arranged], [final] and [over] sections): "bye forever" with a
// thanks, everything arranged with a farewell, not being around much
// longer or for long said with "not going to", things no longer needed
// where one is headed, leaving this world, joining the dead, easier dead,
// a learner's "I not want to live", hurting or starving oneself on
// purpose, hitting one's own head, a weapon taken to work with a threat.
// Beside each family, the look-alikes it must leave calm: a customer
// leaving for a competitor, a relative dying in a hospice, hyperbole about
// a queue, a hammer for a shelf. Rows written for this test, in no corpus
// and in no development set.
func TestCrisisGoodbyesVeiled17en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		// goodbyes said as thanks
		{"thanks for putting up with me all these years, bye forever", true},
		{"i've arranged everything and my son has the keys. farewell", true},
		{"everything is arranged for the cat. this is my farewell", true},
		{"Thank you all. I will not be writing again. Goodbye forever.", true},
		{"bye forever, i'm off to another bank that answers the phone", false},
		{"thanks, i won't be writing again, it all works now", false},
		{"my affairs are in order before the move to spain, thank you for everything", false},
		// not being here much longer, for long, anyway
		{"im not gonna be around much longer so pls refund my mum", true},
		{"i will not be alive for long so send the refund to my sister", true},
		{"cancel it, doesn't matter anyway. i'm not gonna be around next month anyway", true},
		{"i won't be around for long on saturday, can the driver come early", false},
		{"it doesn't matter anyway, i'll pick it up from the depot", false},
		// things no longer needed where one is headed
		{"close the account, i won't need money where im headed", true},
		{"i won't be needing any of it where i am going", true},
		{"i won't need my coat where i'm going in june, it's 35 degrees", false},
		// leaving this world, joining the dead, no reason to stay
		{"im leaving this world soon, please dont send more letters", true},
		{"my husband passed in march and i'm ready to go be with him", true},
		{"i miss my wife every day, there's no reason left to stay", true},
		{"this is my last week on earth, the dog is going to my sister", true},
		{"my dad is leaving this world peacefully in the hospice, please pause his account", false},
		{"i'm ready to join them for dinner at 8, can the delivery come before", false},
		// passive: easier dead, in a learner's English
		{"honestly it would be easier to be dead than to face these debts", true},
		{"being dead sounds better than this life", true},
		{"i not want to live no more, please cancel all", true},
		{"dying would be easier than waiting on hold with you lot", false},
		// self-harm with a purpose or a punishment
		{"i hurt myself on purpose last night with a lighter", true},
		{"i starve myself as a punishment when i fail", true},
		{"i punched myself in the head again after the phone call", true},
		{"i hurt myself on the stairs carrying your parcel", false},
		{"i could slap myself in the face for forgetting the password", false},
		// a weapon taken to work or school, and the others will pay
		{"i'm bringing the knife to school tomorrow and they will regret it", true},
		{"taking my gun to the office on monday. they're all going to pay", true},
		{"bringing my hammer to work tomorrow, the shelf needs fixing", false},
		{"who is going to pay for the return postage?", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisCalmLookAlikes17en: two false alarms of the old code, and the
// families around them. Pills kept in their packaging to be returned are
// no stockpile ("I kept the pills in the original box, can I get a
// refund"), while pills kept aside with "there's enough" still are. A fear
// shared with someone close ("my daughter is scared and so am I") is
// nerves, not danger, unless a danger is said with it. Old scars are a
// self-harm long over.
func TestCrisisCalmLookAlikes17en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"I kept the pills in the original box, can I get a refund", false},
		{"i kept the painkillers in the sealed blister, can i send them back", false},
		{"kept my tablets in their packaging like you said, where do i post them", false},
		{"i've kept the pills in a drawer for weeks and there's enough now", true},
		{"i've been saving my tablets in a sock, tonight's the night", true},
		{"my daughter is scared and so am I", false},
		{"my son is terrified and so am i", false},
		{"my wife is scared of the new app and so am i", false},
		{"my son is terrified and so am i, his dad is hitting us right now", true},
		{"my daughter is scared, her boyfriend is outside with a knife", true},
		{"years ago i used to cut, the scars are old now. can you resend my invoice", false},
		{"the scars are old but i cut myself again last night", true},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisGoodbyeHalves17en: crisis17en's second round. Halves of a
// goodbye that make one together (a pet given away, thanks as typed
// "ty", nobody chasing me after a day, not here "or ever"), arrangements
// with a finality (a will made, letters for the family, the last account
// to close, charged after I'm gone), last words one wants known, no next
// Christmas for me, done with it all and with life; a suicidal patch told
// as a time that was. Beside them, their look-alikes: an old person's
// estate, a delivery missed, a customer switching banks, a cat rehomed
// for an allergy. Rows written for this test, in no corpus and in no
// development set.
func TestCrisisGoodbyeHalves17en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"i've given away my dog. thanks for putting up with me", true},
		{"ty for being there when nobody else was. not gonna be around after this weekend", true},
		{"pay it off whenever, nobody needs to chase me after friday", true},
		{"i just want someone to know i was here", true},
		{"don't post anything else, nobody will be around to read it", true},
		{"i'm checking out of life, cancel my gym too", true},
		{"I've made my will and written letters for my kids. This is the last account I need to close.", true},
		{"wrote letters to my sons. please make sure they aren't charged after i'm gone", true},
		{"i don't think i'll be here for the delivery. or ever, really", true},
		{"there won't be a next christmas for me, please cancel the hamper", true},
		{"cancel the renewal, i'm done with it all. with life, with everything", true},
		{"I'm 88, I've made my will and I'd like my son to manage this account after I'm gone", false},
		// The errand of the old is the account managed, never "access"
		// to it, which a goodbye arranges too; a move is "the move to",
		// never "before the move".
		{"i've written letters to my kids and made sure they can get access to my account after i'm gone", true},
		{"the pills are ready for tonight, i'll take them before the move", true},
		{"i don't think i'll be here on friday, can you deliver saturday", false},
		{"there won't be a next time, i'm switching banks", false},
		{"I'm happy with life, just not with your app", false},
		{"i'm done with all of this, the app crashes every day", false},
		{"cheers for being there when the app went down, all fixed", false},
		{"we gave away our cat because of my allergy, cancel the cat food", false},
		{"I just want someone to know I tried to return it twice", false},
		{"my counsellor got me through a suicidal patch in 2021, can i pay her bill by card", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisAmbulanceTold17en: someone close taken in by an ambulance on
// a day gone by is help that came then, told to explain an errand; an
// ambulance now, or a danger said of now beside it, is still a crisis.
func TestCrisisAmbulanceTold17en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"the ambulance came for my dad on sunday, he's back and grumpy as ever, can you resend the code", false},
		{"the ambulance took my partner in last thursday, she's resting at home now, pause my order please", false},
		{"the ambulance came for my dad on sunday and now he's collapsed again and not breathing", true},
		{"the ambulance just took my husband, i can't stop shaking", true},
		{"please send an ambulance, my flatmate won't wake up", true},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisThirdRound17en: crisis17en's third round, written from a fresh
// batch of my own after the second: money not needed much longer, a prayer
// to be taken, a learner's "not wanting live", hair pulled out till it
// bleeds, a gun got to hurt those who bullied me, gone by then when
// nothing matters, a goodbye without them knowing, worth more dead. And the
// look-alikes the second round raised in that batch: away for the
// afternoon, keys left while abroad, a campsite's next summer.
func TestCrisisThirdRound17en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"send whatever is left to my dad, i'm not going to need money much longer", true},
		{"please god take me in my sleep, i want god to take me", true},
		{"i not wanting to live now, everything is too hard", true},
		{"i pulled my hair out until it bled last night", true},
		{"they bullied me for years. i'm going to hurt the people who did it. got my uncles gun", true},
		{"the order's late again, it doesn't matter. i'll be gone by then", true},
		{"i said goodbye to my brother today without him knowing", true},
		{"my family gets more from my life insurance than i'm worth alive", true},
		{"i'm not going to be around much longer this afternoon, ring me before 3", false},
		{"won't be here much longer today, the shop shuts at 5", false},
		{"my brother has the keys while i'm abroad, goodbye and thanks", false},
		// An errand's frame is "while i'm abroad", never "while i'm in" or
		// "on": a bridge, a car or a bath follows those too.
		{"i'm typing this while i'm on the bridge. thank you for everything", true},
		{"my sister has the keys now, i left a note, while i'm in the car with the engine running. goodbye", true},
		{"no next christmas for me at your hotel, the price went up", false},
		{"i'll be gone by then, i'm on holiday, leave it with next door", false},
		{"it doesn't matter, the blue one is fine", false},
		{"this new hair dye made me want to pull my hair out", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisFourthRound17en: crisis17en's fourth round, written from a
// second fresh batch of my own: a name carved into the skin, a head hit
// against something until it gives, a prowler trying the doors now, no
// wish to see another season, no longer afraid of dying, found in the
// woods by morning, a love told in the past tense to be passed on, a
// message written from a roof with thanks. Their look-alikes stay calm: a
// name carved into wood, a head hit on a shelf, a fence being fixed, body
// wash, a child's toy love note.
func TestCrisisFourthRound17en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"i scratched the word ugly into my leg with a pin", true},
		{"banged my head on the wall until i saw stars, third time today", true},
		{"someone is trying the door handles downstairs now", true},
		{"i'm 83 and i've no wish to see another christmas without her", true},
		{"honestly i'm not afraid of dying anymore, i'm afraid of tomorrow", true},
		{"someone will find me by the river by morning, sorry for the trouble", true},
		{"tell my daughter that i loved her, she can have the points", true},
		{"typing from the roof of the car park. thank you for trying to help", true},
		{"my son carved his initials into the table you sold us, can it be sanded", false},
		{"hit my head on the shelf until i learned to duck lol, can you send a corner guard", false},
		{"the locksmith is trying the door handles now, he says the lock is fine", false},
		// The trade's guard covers the door only: "trying to" stays heard.
		{"the courier is trying to kill me, he has a knife", true},
		{"where can i find my body wash order? it says delivered", false},
		{"thanks for trying to help, i'll ring the bank instead", false},
		{"she wrote my daughter that i loved her little drawing, so sweet", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisFifthRound17en: crisis17en's fifth round, written from a third
// fresh batch of my own: ending my days soon, a cord round my neck, the
// painless way to go, not seeing myself alive at a season, done waiting in
// my last week, a last wish, my phone off for good with no call back, not
// living at mine or anywhere, savings handed on with a peace that ends the
// message. Their look-alikes: ending one's days by the sea, a lanyard, the
// painless way to cancel, a last week at a job, a phone switched. A hand
// grabbed is left to the violence entries: a stranger grabs one too.
func TestCrisisFifthRound17en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"i am going to end my days tonight, i'm sorry to my family", true},
		{"the belt is round my neck and i'm on the stool", true},
		{"what is the most painless way to go", true},
		{"i honestly don't see myself being alive at easter", true},
		{"im done waiting. this is my last week", true},
		{"my last wish is that my son keeps the dog", true},
		{"don't try to call me, my phone is off for good after tonight", true},
		{"i won't be living at my mum's after friday, or anywhere", true},
		{"my savings book went to my daughter yesterday. i feel at peace now.", true},
		{"we want to end our days in a cottage by the sea, do you insure cottages", false},
		{"my lanyard is round my neck all day at work and the clip broke", false},
		{"what's the most painless way to cancel my contract", false},
		{"this is my last week at the shop, then i start at the bank", false},
		{"my old phone is off for good after today, please port my number", false},
		// No guard of "grabbed me by the hand": a stranger does that too.
		{"a man grabbed me by the hand and is pulling me towards his van", true},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisSixthRound17en: crisis17en's sixth round, written from a
// fourth fresh batch of my own: throwing myself off somewhere, a medicine
// one lives by stopped on purpose, nothing mattering after tonight, the
// funeral arranged with a last request. Their look-alikes: a child
// throwing himself off the sofa, a subscription stopped on purpose, a
// skydive for charity, a funeral plan asked about.
func TestCrisisSixthRound17en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"if the bailiffs come monday i will throw myself off the car park roof", true},
		{"i stopped taking my heart meds on purpose two weeks ago", true},
		{"forget the voucher, it won't matter after tonight", true},
		{"i've paid for my funeral and written to my brother. this is the last thing i'll ask", true},
		{"i keep wanting to throw myself off the stairs so it looks like a fall", true},
		{"the kids keep throwing themselves off the bed, is the frame strong enough", false},
		{"i stopped my meds delivery on purpose, i get them from the chemist now", false},
		{"my sister is going to jump out of a helicopter for charity, can i sponsor her here", false},
		{"my dad planned his funeral years ago, can we see what the policy covers", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

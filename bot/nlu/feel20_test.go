package nlu

import "testing"

// TestReportedInsultIsNotTheWritersAnger20: the words of an insult someone
// else said to the writer ("a customer called me a useless idiot", « un
// client m'a traité d'incapable », "she told me I was pathetic") are not
// the writer's anger; what the writer says of themselves is their feeling
// ("I can't stop shaking", « je tremble encore »: shaken, not worried).
// Before, the insult was heard as the writer's anger ("I understand you're
// angry") and the shaking after it as a worry.
func TestReportedInsultIsNotTheWritersAnger20(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		// want is the feeling heard: "distress", "anger" or "" (none).
		want string
	}{
		{"en", "a customer called me a useless idiot and I can't stop shaking", "distress"},
		{"en", "my manager told me I was a useless idiot in front of everyone, I'm so hurt", "distress"},
		{"en", "he called me an idiot on the phone and now I feel awful", "distress"},
		{"en", "a caller screamed at me that I'm a stupid cow and I'm still shaking", "distress"},
		{"en", "some guy called me a moron today", ""},
		{"en", "the guy on the phone called me a worthless piece of trash and I'm still trembling", "distress"},
		{"en", "the client said I was incompetent and worthless and I'm really shaken", "distress"},
		{"fr", "ma cheffe m'a dit que j'étais nulle devant tout le monde, je n'arrête pas de pleurer", "distress"},
		{"fr", "un client m'a traité de sale incapable et je tremble encore", "distress"},
		{"fr", "il m'a traitée d'idiote au téléphone et je me sens mal", "distress"},
		{"fr", "ma cheffe m'a dit que j'étais nulle devant tout le monde, je suis blessée", "distress"},
		{"fr", "un client m'a traitée de conne aujourd'hui", ""},
		// The writer's own anger, as before: an insult the writer says,
		// or anger said with the report.
		{"en", "your courier is a useless idiot", "anger"},
		{"en", "your agent called me an idiot and I'm furious", "anger"},
		{"fr", "votre livreur est un abruti", "anger"},
		{"fr", "votre conseiller m'a traité d'idiot, je suis furieuse", "anger"},
		// Anger felt by someone else at the writer, in a colleague's
		// story, is theirs; shared, it is the writer's too.
		{"en", "a customer was furious with me and now I'm shaking", "distress"},
		{"en", "the client was livid on the phone, I feel awful", "distress"},
		{"en", "my boss is angry at me and I feel awful", "distress"},
		{"fr", "un client était furieux contre moi et je tremble encore", "distress"},
		{"fr", "la cliente était très en colère et m'a insultée", ""},
		{"en", "the customer was furious and I am too", "anger"},
		{"en", "my boss and I are angry", "anger"},
		{"fr", "le client était furieux et moi aussi", "anger"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			got := ""
			switch {
			case s.Anger:
				got = "anger"
			case s.Anxiety:
				got = "anxiety"
			case s.Distress:
				got = "distress"
			}
			if got != tt.want || s.Crisis {
				t.Errorf("Analyze(%q).Signals = %+v: heard %q, want %q and no crisis", tt.text, s, got, tt.want)
			}
		})
	}
}

// TestFeelingNotFeltNow20: a feeling that is not the writer's now raises
// nothing to acknowledge: imagined ("I'd be so upset if it came late", «
// je serais déçue si »), past and over ("I was worried but it arrived"),
// someone else's ("my wife is furious about the delay"), or fear as a
// polite form (« j'ai peur de ne pas avoir reçu le mail », "I'm afraid I
// didn't get the email"). Said to a person who felt nothing, an
// acknowledgement is a small lie. The writer's own, now, is still heard.
func TestFeelingNotFeltNow20(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		felt       bool
	}{
		{"en", "I'd be so upset if it came late", false},
		{"en", "I would be really angry if you charged me twice", false},
		{"en", "honestly I'd be gutted if the parcel got lost", false},
		{"fr", "je serais déçue si le colis arrivait en retard", false},
		{"fr", "je serais vraiment en colère si vous me prélevez deux fois", false},
		{"fr", "on serait tristes si le cadeau n'arrivait pas avant noël", false},
		{"en", "I'd feel terrible if I missed the delivery, can I pick a slot", false},
		{"fr", "je serais triste si je ratais la livraison, je peux choisir un créneau ?", false},
		{"en", "I was worried but it arrived, thanks", false},
		{"fr", "j'étais inquiète mais le colis est arrivé, merci", false},
		{"en", "I was so frustrated last week but the refund came, thanks", false},
		{"en", "I was furious and then the parcel came late", true},
		{"en", "I was worried and then the parcel arrived late", true},
		{"en", "my son is anxious about the exam, when will the calculator arrive", false},
		{"fr", "mon fils est angoissé pour son examen, quand arrive la calculatrice ?", false},
		{"en", "my wife is furious about the delay, where is order 12345", false},
		{"fr", "ma femme est furieuse du retard, où est ma commande 12345", false},
		{"en", "I'm afraid I didn't get the email", false},
		{"fr", "j'ai peur de ne pas avoir reçu le mail", false},
		{"fr", "j'ai bien peur de ne pas avoir bien compris", false},
		// The writer's own, now.
		{"en", "I'm so upset it came late", true},
		{"fr", "je suis déçue, le colis est arrivé en retard", true},
		{"en", "I was worried and it still hasn't arrived", true},
		{"en", "my wife and I are furious about the delay", true},
		{"fr", "j'ai peur de ne pas m'en sortir avec ces factures", true},
		{"fr", "j'ai vraiment peur de ne pas avoir reçu le mail", true},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if got := s.Anxiety || s.Distress || s.Anger || s.Lonely || s.Grief; got != tt.felt || s.Crisis {
				t.Errorf("Analyze(%q).Signals = %+v, want a feeling %v and no crisis", tt.text, s, tt.felt)
			}
		})
	}
}

// TestNumbnessIsHeard20: numbness after a loss is a feeling said ("I
// just feel numb", "I feel nothing anymore", « je me sens vide », « je ne
// ressens plus rien »): before, several wordings raised nothing.
func TestNumbnessIsHeard20(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		felt       bool
	}{
		{"en", "I don't know, I just feel numb", true},
		{"en", "I feel nothing anymore since he died", true},
		{"en", "I'm numb, I can't think", true},
		{"en", "I've been totally numb since the funeral", true},
		{"fr", "je sais pas, je me sens vide", true},
		{"fr", "je ne ressens plus rien depuis sa mort", true},
		{"fr", "je suis comme anesthésiée depuis qu'il est parti", true},
		{"fr", "je suis engourdie depuis l'enterrement", true},
		{"en", "I just feel hollow since mum went", true},
		{"fr", "je me sens creuse depuis que maman est partie", true},
		// A thing numb, or nothing felt as a fact, is no feeling.
		{"en", "my fingers are numb from the cold, can I pay by phone", false},
		{"fr", "le carton était vide à l'arrivée", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if got := s.Distress || s.Grief || s.Lonely; got != tt.felt || s.Crisis || s.Anger {
				t.Errorf("Analyze(%q).Signals = %+v, want distress %v, no anger, no crisis", tt.text, s, tt.felt)
			}
		})
	}
}

package flow_test

import (
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/carebot/carebot/bot/flow"
)

// cmpFlows compares sets field by field; regexps compare by their source.
var cmpFlows = cmp.Options{
	cmpopts.IgnoreUnexported(flow.Flow{}),
	cmpopts.IgnoreFields(flow.Set{}, "Version", "Files", "Queues"), // TestVersion; Queues: TestQueueTypoIsTold25
	cmp.Comparer(func(a, b *regexp.Regexp) bool {
		if a == nil || b == nil {
			return a == b
		}
		return a.String() == b.String()
	}),
}

// mustLoad loads a folder of testdata and fails the test on any problem.
func mustLoad(t *testing.T, dir string) *flow.Set {
	t.Helper()
	set, err := flow.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("Load(%s):\n%v", dir, err)
	}
	if set == nil {
		t.Fatalf("Load(%s) returned no set and no error", dir)
	}
	return set
}

func at(file string, line, col int) flow.Pos { return flow.Pos{File: file, Line: line, Col: col} }

// two is a text in English and French.
func two(p flow.Pos, en, fr string) flow.Text {
	return flow.Text{Pos: p, ByLang: map[string]string{"en": en, "fr": fr}}
}

// withSimple gives t a simple variant in English and French.
func withSimple(t flow.Text, en, fr string) flow.Text {
	t.Simple = map[string]string{"en": en, "fr": fr}
	return t
}

// titled is a flow of one step in file, whose title, in English and
// French, is on its second line.
func titled(file, id, en, fr, category, audience string, step *flow.Step) *flow.Flow {
	return &flow.Flow{File: file, Pos: at(file, 1, 1), ID: id, Title: two(at(file, 2, 8), en, fr),
		Category: category, Audience: audience, Steps: []*flow.Step{step}}
}

func ptr(f float64) *float64 { return &f }

func TestLoadGoodBasic(t *testing.T) {
	t.Parallel()
	set := mustLoad(t, "testdata/good/basic")

	const o = "order.yaml"
	order := &flow.Flow{
		File:     o,
		Pos:      at(o, 1, 1),
		ID:       "order_problem",
		Title:    two(at(o, 3, 3), "A problem with an order or a delivery", "Un problème de commande ou de livraison"),
		Category: flow.CategoryOrderDelivery,
		Audience: flow.AudienceCustomer,
		Triggers: flow.Triggers{
			Commands: []string{"/order"},
			Keywords: map[string][]string{
				"en": {"parcel", "delivery", "hasn't arrived"},
				"fr": {"colis", "livraison"},
			},
			Examples: map[string][]string{
				"en": {"my parcel hasn't arrived", "where is my order"},
				"fr": {"mon colis n'est pas arrivé"},
			},
		},
		Steps: []*flow.Step{
			{
				Pos: at(o, 19, 5), ID: "start", Kind: flow.KindSay,
				Acknowledge: true,
				Say: []flow.Text{
					two(at(o, 22, 9), "I'm sorry your order is giving you trouble.", "Je suis désolé que votre commande vous pose problème."),
					{Pos: at(o, 24, 9), ByLang: map[string]string{"en": "Let's look at it together.", "fr": "Regardons cela ensemble."}, Tone: "reassuring"},
				},
				Pause: 800 * time.Millisecond,
				Next:  "ask_order",
			},
			{
				Pos: at(o, 30, 5), ID: "ask_order", Kind: flow.KindAsk,
				Next: "how_many",
				Ask: &flow.Ask{
					Text:     two(at(o, 32, 13), "What is your order number? It looks like AB-123456.", "Quel est votre numéro de commande ? Il ressemble à AB-123456."),
					Slot:     "order",
					Validate: flow.ValidateOrderRef,
					Pattern:  regexp.MustCompile(`^(?:[A-Z]{2}-\d{6})$`),
					Invalid:  two(at(o, 36, 16), "That doesn't look like an order number. Could you check it?", "Cela ne ressemble pas à un numéro de commande. Pouvez-vous vérifier ?"),
					Attempts: 3,
					OnFail:   "offer_person",
				},
			},
			{
				Pos: at(o, 40, 5), ID: "how_many", Kind: flow.KindAsk,
				Next: "what_happened",
				Ask: &flow.Ask{
					Text: withSimple(two(at(o, 42, 13), "How many items were in order {{order}}?", "Combien d'articles dans la commande {{order}} ?"),
						"How many items in {{order}}?", "Combien d'articles dans {{order}} ?"),
					Slot:     "items",
					Validate: flow.ValidateNumber,
					Min:      ptr(1),
					Max:      ptr(99.5),
					Attempts: 2,
				},
			},
			{
				Pos: at(o, 50, 5), ID: "what_happened", Kind: flow.KindChoose,
				Choose: &flow.Choose{
					Text: two(at(o, 52, 13), "What happened?", "Que s'est-il passé ?"),
					Choices: []*flow.Choice{
						{Pos: at(o, 54, 11), ID: "late", Label: two(at(o, 55, 18), "It's late", "Elle est en retard"), Next: "check", Set: map[string]string{"issue": "late"}},
						{Pos: at(o, 58, 11), ID: "damaged", Label: two(at(o, 59, 18), "It's damaged", "Elle est abîmée"), Next: "check", Set: map[string]string{"issue": "damaged"}},
						{Pos: at(o, 62, 11), ID: "menu", Label: two(at(o, 63, 18), "Something else", "Autre chose"), Flow: "welcome"},
					},
				},
			},
			{
				Pos: at(o, 66, 5), ID: "check", Kind: flow.KindBranch,
				Branch: []flow.Case{
					{Pos: at(o, 68, 9), Signal: "distress", Goto: "breathe"},
					{Pos: at(o, 70, 9), Slot: "issue", Equals: "late", Goto: "remember"},
				},
				Next: "offer_person",
			},
			{
				Pos: at(o, 75, 5), ID: "remember", Kind: flow.KindSet,
				Set:  map[string]string{"topic": "delivery of {{order}}"},
				Next: "offer_person",
			},
			{Pos: at(o, 79, 5), ID: "breathe", Kind: flow.KindCall, Call: "breathing", Next: "offer_person"},
			{
				Pos: at(o, 83, 5), ID: "offer_person", Kind: flow.KindHandoff,
				Handoff: &flow.Handoff{
					Queue:     "delivery",
					Priority:  "high",
					Reason:    "order problem",
					Text:      two(at(o, 88, 13), "I'm passing you to a person from our delivery team.", "Je vous passe une personne de l'équipe livraison."),
					OnTimeout: "done",
				},
			},
			{
				Pos: at(o, 91, 5), ID: "done", Kind: flow.KindEnd,
				End: &flow.End{Text: two(at(o, 93, 13), "Thank you for your patience.", "Merci pour votre patience."), Satisfaction: true},
			},
		},
	}

	const w = "welcome.yaml"
	welcome := titled(w, "welcome", "Main menu", "Menu principal", flow.CategoryGreeting, flow.AudienceAny, &flow.Step{
		Pos: at(w, 10, 5), ID: "start", Kind: flow.KindChoose,
		Say: []flow.Text{two(at(w, 11, 10), "Hello! How can I help?", "Bonjour ! Comment puis-je vous aider ?")},
		Choose: &flow.Choose{
			Text: two(at(w, 13, 13), "Pick a topic:", "Choisissez un sujet :"),
			Choices: []*flow.Choice{
				{Pos: at(w, 15, 11), ID: "order", Label: two(at(w, 16, 18), "An order", "Une commande"), Flow: "order_problem"},
				{Pos: at(w, 18, 11), ID: "person", Label: two(at(w, 19, 18), "A person", "Une personne"), Flow: "human"},
			},
		},
	})
	welcome.Triggers = flow.Triggers{
		Commands: []string{"/start", "/menu"},
		Keywords: map[string][]string{"en": {"hello", "hi"}, "fr": {"bonjour"}},
	}

	const b = "breathing.yaml"
	breathing := titled(b, "breathing", "A breathing exercise", "Un exercice de respiration", flow.CategoryEmployeeSupport, flow.AudienceEmployee, &flow.Step{
		Pos: at(b, 6, 5), ID: "start", Kind: flow.KindSay,
		Say: []flow.Text{two(at(b, 8, 7), "Let's breathe in for four counts, and out for four.", "Inspirons sur quatre temps, et expirons sur quatre.")},
	})

	const h = "human.yaml"
	human := titled(h, "human", "Talk to a person", "Parler à une personne", flow.CategoryEscalateHuman, flow.AudienceAny, &flow.Step{
		Pos: at(h, 11, 5), ID: "start", Kind: flow.KindHandoff,
		Handoff: &flow.Handoff{
			Queue:    "general",
			Priority: "normal",
			Text:     two(at(h, 14, 13), "I'm finding a person for you.", "Je vous trouve une personne."),
		},
	})
	human.Interrupt = true
	human.Triggers = flow.Triggers{
		Commands: []string{"/human"},
		Keywords: map[string][]string{"en": {"human", "agent"}, "fr": {"humain", "conseiller"}},
	}

	const fb = "fallback.yaml"
	fallback := titled(fb, "fallback", "Something else", "Autre chose", flow.CategoryOutOfScope, flow.AudienceAny, &flow.Step{
		Pos: at(fb, 5, 5), ID: "start", Kind: flow.KindGoto,
		Say:  []flow.Text{two(at(fb, 6, 10), "I'm not sure I understood.", "Je ne suis pas sûr d'avoir compris.")},
		Goto: "welcome",
	})

	// The messages are checked apart: seventeen texts would drown the rest.
	gotMessages := set.Common.Messages
	set.Common.Messages = nil
	want := &flow.Set{
		Common: flow.Common{
			Pos:          at("common.yaml", 2, 1),
			Languages:    []string{"en", "fr"},
			StartFlow:    "welcome",
			FallbackFlow: "fallback",
			HumanFlow:    "human",
			CrisisQueue:  "urgent",
			CancelWords: map[string][]string{
				"en": {"stop", "cancel", "menu"},
				"fr": {"annuler", "stop", "menu", "arrêter"},
			},
		},
		Flows: map[string]*flow.Flow{
			"order_problem": order, "welcome": welcome, "breathing": breathing,
			"human": human, "fallback": fallback,
		},
		// By file name: breathing, fallback, human, order, welcome.
		Order: []string{"breathing", "fallback", "human", "order_problem", "welcome"},
	}
	if diff := cmp.Diff(want, set, cmpFlows); diff != "" {
		t.Errorf("Load(testdata/good/basic) mismatch (-want +got):\n%s", diff)
	}

	if len(gotMessages) != len(flow.MessageKeys) {
		t.Errorf("got %d messages, want %d", len(gotMessages), len(flow.MessageKeys))
	}
	for _, k := range flow.MessageKeys {
		m, ok := gotMessages[k]
		if !ok || m.ByLang["en"] == "" || m.ByLang["fr"] == "" {
			t.Errorf("message %q = %+v, want it in en and fr", k, m)
		}
	}
	wantCrisis := flow.Text{
		Pos: at("common.yaml", 27, 5), // the mapping starts at its first key, no_rephrase
		ByLang: map[string]string{
			"en": "If you are in danger, please call {{ emergency_number }} now.",
			"fr": "Si vous êtes en danger, appelez le {{ emergency_number }} maintenant.",
		},
		NoRephrase: true,
	}
	if diff := cmp.Diff(wantCrisis, gotMessages[flow.MsgCrisis]); diff != "" {
		t.Errorf("crisis message mismatch (-want +got):\n%s", diff)
	}

	// Step lookups work through the index Load builds.
	if got := set.Flow("order_problem").Step("offer_person"); got == nil || got.Kind != flow.KindHandoff {
		t.Errorf("Step(offer_person) = %+v, want the handoff step", got)
	}
	if got := set.Flow("order_problem").Step("nope"); got != nil {
		t.Errorf("Step(nope) = %+v, want nil", got)
	}
}

// TestLoadGoodOneLanguage covers plain-string texts, which a set with a
// single language accepts, and an end step with nothing to say.
func TestLoadGoodOneLanguage(t *testing.T) {
	t.Parallel()
	set := mustLoad(t, "testdata/good/one_language")

	const c = "common.yaml"
	en := func(line, col int, s string) flow.Text {
		return flow.Text{Pos: at(c, line, col), ByLang: map[string]string{"en": s}}
	}
	const h = "hello.yaml"
	hen := func(line, col int, s string) flow.Text {
		return flow.Text{Pos: at(h, line, col), ByLang: map[string]string{"en": s}}
	}
	want := &flow.Set{
		Common: flow.Common{
			Pos:          at(c, 1, 1),
			Languages:    []string{"en"},
			StartFlow:    "hello",
			FallbackFlow: "hello",
			HumanFlow:    "hello",
			CrisisQueue:  "urgent",
			Messages: map[string]flow.Text{
				flow.MsgTrouble:            en(7, 12, "I'm having trouble right now."),
				flow.MsgNotText:            en(8, 13, "I can only read text."),
				flow.MsgExpired:            en(9, 12, "That button has expired."),
				flow.MsgCancelled:          en(10, 14, "Cancelled."),
				flow.MsgForgotten:          en(11, 14, "Forgotten."),
				flow.MsgPickOne:            en(12, 13, "Please pick a button."),
				flow.MsgClarify:            en(13, 12, "Which one?"),
				flow.MsgHandoffWaiting:     en(14, 20, "Someone is coming."),
				flow.MsgHandoffCancel:      en(15, 19, "Request withdrawn."),
				flow.MsgHandoffClosed:      en(16, 19, "The conversation with our team has ended."),
				flow.MsgHandoffTaken:       en(26, 18, "{{agent_name}} from our team is here with you now."),
				flow.MsgHandoffTimeout:     en(27, 20, "Everyone on our team is busy right now."),
				flow.MsgCrisisAlert:        en(28, 17, "I am alerting a person from our team."),
				flow.MsgSatisfaction:       en(17, 17, "From 1 to 5?"),
				flow.MsgThanks:             en(18, 11, "Thanks!"),
				flow.MsgFlood:              en(19, 10, "Slow down, please."),
				flow.MsgCrisis:             {Pos: at(c, 21, 5), ByLang: map[string]string{"en": "Please call {{emergency_number}}."}, NoRephrase: true},
				flow.MsgAckDistress:        en(23, 17, "That sounds hard."),
				flow.MsgAckAnger:           en(24, 14, "That is frustrating."),
				flow.MsgAckAnxiety:         en(25, 16, "One step at a time."),
				flow.MsgHandoffUnavailable: en(29, 24, "Nobody from our team can join this conversation."),
				flow.MsgContactPhone:       en(30, 18, "You can call {{contact_phone}}."),
				flow.MsgContactEmail:       en(31, 18, "You can write to {{contact_email}}."),
				flow.MsgContactHours:       en(32, 18, "Our team is there {{contact_hours}}."),
				flow.MsgContactNone:        en(33, 17, "I'm still here."),

				flow.MsgHandoffTeamCancelled: en(34, 27, "Our team closed the request without answering it."),
				flow.MsgCrisisAlertUnstaffed: en(35, 27, "Our team is alerted but may not answer now."),
			},
		},
		Flows: map[string]*flow.Flow{"hello": {
			File: h, Pos: at(h, 1, 1), ID: "hello",
			Title:    hen(2, 8, "Hello"),
			Category: flow.CategoryGreeting,
			Audience: flow.AudienceAny,
			Steps: []*flow.Step{
				{Pos: at(h, 5, 5), ID: "start", Kind: flow.KindSay, Say: []flow.Text{hen(6, 10, "Hello {{name}}.")}, Next: "ask_name"},
				{
					Pos: at(h, 8, 5), ID: "ask_name", Kind: flow.KindAsk, Next: "bye",
					Ask: &flow.Ask{
						Text:     hen(10, 13, "What is your name?"),
						Slot:     "name",
						Validate: flow.ValidatePattern,
						Pattern:  regexp.MustCompile(`^(?:[A-Za-z ]+)$`),
						Attempts: 3,
					},
				},
				{Pos: at(h, 15, 5), ID: "bye", Kind: flow.KindEnd, End: &flow.End{}},
			},
		}},
		Order: []string{"hello"},
	}
	if diff := cmp.Diff(want, set, cmpFlows); diff != "" {
		t.Errorf("Load(testdata/good/one_language) mismatch (-want +got):\n%s", diff)
	}
	// The pattern must match the whole answer, as the format promises.
	p := set.Flow("hello").Step("ask_name").Ask.Pattern
	for answer, want := range map[string]bool{"Ada Lovelace": true, "Ada 2": false, "": false} {
		if got := p.MatchString(answer); got != want {
			t.Errorf("pattern matches %q = %v, want %v", answer, got, want)
		}
	}
}

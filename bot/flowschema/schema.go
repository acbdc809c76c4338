// Package flowschema generates the JSON Schemas of carebot's YAML files:
// flow files, common.yaml and conversation test files. Editors that speak
// the YAML language server (VS Code, Neovim, JetBrains…) use them for
// completion and inline errors when a file starts with
//
//	# yaml-language-server: $schema=schema/flow.schema.json
//
// The schemas are generated from the Go types below (and flowtest's format
// types) and checked in under flows/schema; a test regenerates them and
// fails when they differ, and `carebot flows schema [DIR]` rewrites them.
// They help while typing; flow.Load stays the judge (it checks references,
// translations and reachability, which a schema cannot).
package flowschema

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"
	orderedmap "github.com/pb33f/ordered-map/v2"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/flowtest"
)

// Files are the schema files Generate returns, by name.
const (
	FlowFile   = "flow.schema.json"
	CommonFile = "common.schema.json"
	TestFile   = "test.schema.json"
	TextsFile  = "texts.schema.json"
)

// Texts is the format of texts.yaml: groups of texts (filled in from
// flow.TextKeys by Generate).
type Texts struct{}

// Flow is the format of a flow file.
type Flow struct {
	ID        string    `json:"id" jsonschema:"required,pattern=^[a-z0-9_]+$,maxLength=32" jsonschema_description:"The flow's name: lower-case letters, digits and _. Other flows, tests and commands use it."`
	Title     Text      `json:"title" jsonschema:"required" jsonschema_description:"Shown on menus and on the buttons of a clarifying question."`
	Category  string    `json:"category" jsonschema:"required" jsonschema_description:"The care category the router gives to this flow."`
	Audience  string    `json:"audience,omitempty" jsonschema:"enum=customer,enum=employee,enum=any" jsonschema_description:"Who the flow serves; default any."`
	Interrupt bool      `json:"interrupt,omitempty" jsonschema_description:"true: the flow's triggers win at any step, even in the middle of a question."`
	Triggers  *Triggers `json:"triggers,omitempty" jsonschema_description:"When the flow starts."`
	Steps     []Step    `json:"steps" jsonschema:"required,minItems=1" jsonschema_description:"The steps, in order; the first is where the flow starts."`
}

// Triggers say when a flow starts.
type Triggers struct {
	Commands []string            `json:"commands,omitempty" jsonschema_description:"Commands such as /order, in any language."`
	Keywords map[string][]string `json:"keywords,omitempty" jsonschema_description:"Per language: words or short phrases that point to this flow."`
	Examples map[string][]string `json:"examples,omitempty" jsonschema_description:"Per language: whole messages a person might write."`
}

// Step is one step of a flow: say messages, then at most one action.
type Step struct {
	ID          string            `json:"id" jsonschema:"required,pattern=^[a-z0-9_]+$,maxLength=32"`
	Say         []StepText        `json:"say,omitempty" jsonschema_description:"Messages sent first, in order."`
	Pause       string            `json:"pause,omitempty" jsonschema:"pattern=^[0-9]+(\\.[0-9]+)?(ms|s)$" jsonschema_description:"A typing pause before each message after the first, such as 800ms or 1s (at most 10s)."`
	Acknowledge bool              `json:"acknowledge,omitempty" jsonschema_description:"Acknowledge the person's feeling once, in plain words, before this step's messages."`
	OwnAck      bool              `json:"own_acknowledgement,omitempty" jsonschema_description:"This step's messages acknowledge what the person told in words of their own: a feeling named earlier in the same turn (acknowledge) is taken back, these words said in its place."`
	Next        string            `json:"next,omitempty" jsonschema_description:"The step that follows; none finishes the flow."`
	Choose      *Choose           `json:"choose,omitempty" jsonschema_description:"A question with buttons."`
	Ask         *Ask              `json:"ask,omitempty" jsonschema_description:"A free-text question whose answer is saved in a slot."`
	Branch      []Case            `json:"branch,omitempty" jsonschema_description:"Go to the first case that holds, else to next."`
	Set         map[string]string `json:"set,omitempty" jsonschema_description:"Slots to set, with their values."`
	Call        string            `json:"call,omitempty" jsonschema_description:"Run this flow, then come back to next."`
	GotoFlow    string            `json:"goto_flow,omitempty" jsonschema_description:"Go on in this flow for good."`
	Handoff     *Handoff          `json:"handoff,omitempty" jsonschema_description:"Hand the conversation to a person."`
	End         *End              `json:"end,omitempty" jsonschema_description:"End the conversation."`
	FollowUp    *FollowUp         `json:"follow_up,omitempty" jsonschema_description:"Offer a check-in later, with the person's consent: asked after this step's messages, before its action (on an end step, after the end)."`
}

// Choose is a question with buttons.
type Choose struct {
	Text    StepText `json:"text" jsonschema:"required"`
	Choices []Choice `json:"choices" jsonschema:"required,minItems=1"`
	// FreeText takes words written instead of a button as an answer.
	FreeText *FreeText `json:"free_text,omitempty" jsonschema_description:"Words written instead of a button (telling what happened, not asking for something else) are kept in slot and the flow goes on at next; without it the question is asked again."`
	Recall   *bool     `json:"recall,omitempty" jsonschema_description:"Whether a button an earlier message of the person named is taken, with its said text, instead of asking (default true)."`
}

// FreeText is where words written at a question with buttons go.
type FreeText struct {
	Slot string `json:"slot" jsonschema:"required,pattern=^[a-z0-9_]+$" jsonschema_description:"The slot that keeps what the person wrote."`
	Next string `json:"next" jsonschema:"required" jsonschema_description:"The step that follows."`
}

// Choice is one button; it leads to next (a step) or flow (another flow).
type Choice struct {
	ID       string              `json:"id" jsonschema:"required,pattern=^[a-z0-9_]+$,maxLength=24"`
	Label    StepText            `json:"label" jsonschema:"required"`
	Next     string              `json:"next,omitempty" jsonschema_description:"The step this button leads to."`
	Flow     string              `json:"flow,omitempty" jsonschema_description:"The flow this button leads to, for good."`
	Set      map[string]string   `json:"set,omitempty" jsonschema_description:"Slots set when the button is pressed."`
	Said     *StepText           `json:"said,omitempty" jsonschema_description:"Said instead of the question when an earlier message already named this button (else the common already_said)."`
	Synonyms map[string][]string `json:"synonyms,omitempty" jsonschema_description:"Per language: words a person may write for this answer instead of the label, like money back or never came (a word ending in * stands for any word it starts: rembours*)."`
}

// Ask is a free-text question.
type Ask struct {
	Text     StepText  `json:"text" jsonschema:"required"`
	Slot     string    `json:"slot" jsonschema:"required" jsonschema_description:"Where the answer is kept; texts can show it as {{slot}}."`
	Validate string    `json:"validate,omitempty" jsonschema:"enum=text,enum=number,enum=email,enum=phone,enum=order_ref,enum=pattern"`
	Pattern  string    `json:"pattern,omitempty" jsonschema_description:"With validate: pattern (or to change order_ref): a regular expression the whole answer must match."`
	Min      *float64  `json:"min,omitempty"`
	Max      *float64  `json:"max,omitempty"`
	Invalid  *StepText `json:"invalid,omitempty" jsonschema_description:"The kind re-prompt after an answer that does not fit."`
	Attempts int       `json:"attempts,omitempty" jsonschema:"minimum=1" jsonschema_description:"Answers that do not fit before on_fail (default 3)."`
	OnFail   string    `json:"on_fail,omitempty" jsonschema_description:"The step after too many answers that do not fit; none offers a person."`
	Recall   *bool     `json:"recall,omitempty" jsonschema_description:"Whether an order number or e-mail address given in an earlier message is taken, with the said text, instead of asking (default true; order_ref and email questions only)."`
	Said     *StepText `json:"said,omitempty" jsonschema_description:"Said instead of the question when an earlier message already gave the answer (else the common already_said)."`
}

// Case is one branch: a care signal or a slot, and where it leads.
type Case struct {
	IfSignal string `json:"if_signal,omitempty"`
	IfSlot   string `json:"if_slot,omitempty"`
	// IfStaffed holds when a person can come for this queue now.
	IfStaffed string `json:"if_staffed,omitempty" jsonschema_description:"A hand-off queue: the case holds when a person can come for it now (a desk runs, an agent is there)."`
	// IfAudience holds when a customer, or an employee, writes.
	IfAudience string `json:"if_audience,omitempty" jsonschema:"enum=customer,enum=employee" jsonschema_description:"Who writes: the case holds for a customer, or for an employee (the staff Slack)."`
	IfSaid     string `json:"if_said,omitempty" jsonschema_description:"A button of one of this flow's questions: the case holds when the message that brought the person to the flow names it, by its label or synonyms."`
	Equals     string `json:"equals,omitempty"`
	Goto       string `json:"goto" jsonschema:"required"`
}

// Handoff hands the conversation to a person.
type Handoff struct {
	Queue     string    `json:"queue" jsonschema:"required" jsonschema_description:"Which team: billing, delivery, peer…"`
	Priority  string    `json:"priority,omitempty" jsonschema:"enum=normal,enum=high,enum=urgent"`
	Reason    string    `json:"reason,omitempty" jsonschema_description:"A short reason for the person who takes it."`
	Text      *StepText `json:"text,omitempty" jsonschema_description:"What the person is told."`
	OnTimeout string    `json:"on_timeout,omitempty" jsonschema_description:"The step to go on at when nobody comes in time; none keeps waiting."`
	Closed    *StepText `json:"closed,omitempty" jsonschema_description:"Said when the hand-off ends, instead of the common handoff_closed message."`
	Waiting   *StepText `json:"waiting,omitempty" jsonschema_description:"Said when the person writes while it waits, instead of the common handoff_waiting message (\"I've passed your message on\"): for a queue whose people never see what is written here, such as colleagues asked anonymously."`
}

// End ends the conversation.
type End struct {
	Text         *StepText `json:"text,omitempty"`
	Satisfaction bool      `json:"satisfaction,omitempty" jsonschema_description:"Ask how it went, from 1 to 5."`
	FollowUp     *FollowUp `json:"follow_up,omitempty" jsonschema_description:"Offer a check-in later, with the person's consent."`
}

// FollowUp is a check-in some time after a step or the end.
type FollowUp struct {
	After    string           `json:"after" jsonschema:"required,pattern=^[0-9]+(m|h|d)$" jsonschema_description:"How long after the step, such as 90m, 24h or 3d (1m to 30d)."`
	Consent  Consent          `json:"consent" jsonschema:"required" jsonschema_description:"Asked first: nothing is scheduled without a yes."`
	CallBack *Consent         `json:"call_back,omitempty" jsonschema_description:"Offered instead to a vulnerable person when the operator has a call-back queue."`
	CheckIn  StepText         `json:"check_in" jsonschema:"required" jsonschema_description:"The check-in question."`
	Answers  []FollowUpAnswer `json:"answers" jsonschema:"required,minItems=1" jsonschema_description:"The check-in's buttons."`
}

// Consent is a yes-or-no question asked before anything is promised.
type Consent struct {
	Text     StepText `json:"text" jsonschema:"required"`
	Yes      StepText `json:"yes" jsonschema:"required"`
	No       StepText `json:"no" jsonschema:"required"`
	Agreed   StepText `json:"agreed" jsonschema:"required" jsonschema_description:"Said after yes."`
	Declined StepText `json:"declined" jsonschema:"required" jsonschema_description:"Said after no."`
}

// FollowUpAnswer is one button of a check-in.
type FollowUpAnswer struct {
	ID           string              `json:"id" jsonschema:"required,pattern=^[a-z0-9_]+$,maxLength=32"`
	Label        StepText            `json:"label" jsonschema:"required"`
	Text         *StepText           `json:"text,omitempty" jsonschema_description:"Said first."`
	Satisfaction bool                `json:"satisfaction,omitempty" jsonschema_description:"Then ask how it went."`
	Flow         string              `json:"flow,omitempty" jsonschema_description:"Back into this flow, with what was known."`
	Step         string              `json:"step,omitempty" jsonschema_description:"The step of flow to go back to (default its first)."`
	Handoff      *Handoff            `json:"handoff,omitempty" jsonschema_description:"Straight to a person (at least high priority)."`
	Synonyms     map[string][]string `json:"synonyms,omitempty" jsonschema_description:"Per language: words a person may write for this answer instead of the label, like much better or still rough (a word ending in * stands for any word it starts: calme*)."`
}

// Common is the format of common.yaml.
type Common struct {
	Languages     []string            `json:"languages" jsonschema:"required,minItems=1" jsonschema_description:"The languages every text must have; the first is the default."`
	StartFlow     string              `json:"start_flow" jsonschema:"required"`
	FallbackFlow  string              `json:"fallback_flow" jsonschema:"required"`
	HumanFlow     string              `json:"human_flow" jsonschema:"required"`
	CrisisQueue   string              `json:"crisis_queue" jsonschema:"required"`
	CancelWords   map[string][]string `json:"cancel_words,omitempty"`
	DeclineWords  map[string][]string `json:"decline_words,omitempty" jsonschema_description:"Per language: whole messages that say no to what the bot just offered (no thanks, non merci): the satisfaction question is let go, a follow-up declined."`
	OkayWords     map[string][]string `json:"okay_words,omitempty" jsonschema_description:"Per language: whole messages that only take note of what the bot said (ok, d'accord): with nothing waiting for an answer, the menu rather than I'm not sure I understood."`
	YesWords      map[string][]string `json:"yes_words,omitempty" jsonschema_description:"Per language: whole messages that say yes to what the bot just asked (yes please, sure, oui volontiers): at a question whose buttons are a yes and a no, the yes."`
	UnknownWords  map[string][]string `json:"unknown_words,omitempty" jsonschema_description:"Per language: phrases saying the person cannot give what a checked question asks (I don't have it, je sais pas): the question's on_fail follows at once."`
	WaitWords     map[string][]string `json:"wait_words,omitempty" jsonschema_description:"Per language: phrases saying the person needs a moment to find what a question asks (let me look, je cherche): the take_your_time message, and the question waits."`
	ButtonWords   map[string][]string `json:"button_words,omitempty" jsonschema_description:"Per language: phrases saying the person cannot use the buttons (the buttons don't work, screen reader, je n'arrive pas à appuyer): the buttons_help message, then the question again."`
	ThingWords    map[string][]string `json:"thing_words,omitempty" jsonschema_description:"Per language: phrases saying the buttons spoken of are a thing's the person got from the company (the remote you sent me, que vous m'avez envoyée): a complaint about it, not trouble with carebot's buttons."`
	ResolvedWords map[string][]string `json:"resolved_words,omitempty" jsonschema_description:"Per language: phrases saying that the problem went away by itself (it just arrived, it works now, il vient d'arriver): at a question of an order, payment, account or refund flow, a message made only of these and little words ends the flow with the resolved message."`
	WithdrawWords map[string][]string `json:"withdraw_words,omitempty" jsonschema_description:"Per language: phrases saying that a person who asked for someone from the team no longer wants one (never mind, you can carry on, laissez tomber): while one is awaited, the request is withdrawn."`
	FarewellWords map[string][]string `json:"farewell_words,omitempty" jsonschema_description:"Per language: phrases saying the person is leaving (bye, that's all, bonne journée): at a waiting question, a thanks without one gets you_are_welcome and the question waits."`
	LanguageWords map[string][]string `json:"language_words,omitempty" jsonschema_description:"Per language: phrases asking to go on in that language (can we speak French, en anglais svp): the conversation keeps it from then on."`
	NumberWords   map[string][]string `json:"number_words,omitempty" jsonschema_description:"Per language: the words for 1, 2, 3… in order, each entry every way of writing that number separated by spaces (two second 2nd): a short message saying one number answers a numbered question and the satisfaction question."`
	Messages      map[string]Text     `json:"messages" jsonschema:"required"`
}

// Text is a message in every language: a mapping from language to text,
// with tone and no_rephrase; a plain string where the set has one language.
type Text struct{}

// JSONSchema describes Text to the reflector.
func (Text) JSONSchema() *jsonschema.Schema {
	props := orderedmap.New[string, *jsonschema.Schema]()
	props.Set("tone", &jsonschema.Schema{Type: "string", Description: "A hint for the rephraser: reassuring, apologetic…"})
	props.Set("no_rephrase", &jsonschema.Schema{Type: "boolean", Description: "true: always sent word for word (safety, legal)."})
	pattern := map[string]*jsonschema.Schema{
		`^[a-z]{2,3}([_-]([A-Za-z]{2}|[0-9]{3}|[A-Z][a-z]{3}))?$`: {Type: "string", MinLength: ptr(uint64(1))},
	}
	return &jsonschema.Schema{
		Description: "A text in every language, such as {en: \"…\", fr: \"…\"}; may name slots as {{slot}}.",
		AnyOf: []*jsonschema.Schema{
			{Type: "string", MinLength: ptr(uint64(1))},
			{Type: "object", Properties: props, PatternProperties: pattern, AdditionalProperties: jsonschema.FalseSchema, MinProperties: ptr(uint64(1))},
		},
	}
}

// StepText is a text of a flow step (a say line, a question, a label, a
// hand-off message…): a Text that may also have a simple variant.
type StepText struct{}

// JSONSchema describes StepText to the reflector.
func (StepText) JSONSchema() *jsonschema.Schema {
	s := Text{}.JSONSchema()
	s.Description = "A text in every language, such as {en: \"…\", fr: \"…\"}; may name slots as {{slot}} and have a simple and an unstaffed variant."
	obj := s.AnyOf[1]
	props := orderedmap.New[string, *jsonschema.Schema]()
	for p := obj.Properties.Oldest(); p != nil; p = p.Next() {
		props.Set(p.Key, p.Value)
	}
	props.Set("simple", &jsonschema.Schema{
		Description: "The same message in plainer words (short sentences, one question, no jargon) for people who need it: one line per language, the same {{slots}}, and no promise the text does not make.",
		AnyOf: []*jsonschema.Schema{
			{Type: "string", MinLength: ptr(uint64(1))},
			{Type: "object", PatternProperties: obj.PatternProperties, AdditionalProperties: jsonschema.FalseSchema, MinProperties: ptr(uint64(1))},
		},
	})
	uprops := orderedmap.New[string, *jsonschema.Schema]()
	uprops.Set("queue", &jsonschema.Schema{Type: "string", Description: "The hand-off queue it depends on (default: the human flow's)."})
	props.Set("unstaffed", &jsonschema.Schema{
		Description: "Said instead when nobody can come for the queue (no desk, nobody there, outside hours): a line that speaks of a person from the team must not promise one who will not come. One line per language, no {{slot}} the text does not name.",
		Type:        "object", Properties: uprops, PatternProperties: obj.PatternProperties, AdditionalProperties: jsonschema.FalseSchema, MinProperties: ptr(uint64(1)),
	})
	obj.Properties = props
	return s
}

func ptr[T any](v T) *T { return &v }

// Generate returns the schema files, by name (FlowFile, CommonFile,
// TestFile), as indented JSON ending in a new line.
func Generate() (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, v := range map[string]any{FlowFile: &Flow{}, CommonFile: &Common{}, TestFile: &flowtest.FileFormat{}, TextsFile: &Texts{}} {
		s := reflector().Reflect(v)
		s.ID = jsonschema.ID("https://github.com/carebot/carebot/flows/schema/" + name)
		switch name {
		case FlowFile:
			s.Title = "carebot flow"
			prop(s, "category").Enum = anys(flow.Categories)
			if c := def(s, "Case"); c != nil {
				prop(c, "if_signal").Enum = anys(flow.Signals)
			}
		case CommonFile:
			s.Title = "carebot common.yaml"
			msgs := prop(s, "messages")
			msgs.AdditionalProperties = jsonschema.FalseSchema
			msgs.PatternProperties = nil
			msgs.Properties = orderedmap.New[string, *jsonschema.Schema]()
			for _, k := range slices.Concat(flow.MessageKeys, flow.OptionalMessageKeys) {
				msgs.Properties.Set(k, &jsonschema.Schema{Ref: "#/$defs/Text"})
			}
			msgs.Required = append([]string(nil), flow.MessageKeys...)
		case TextsFile:
			s.Title = "carebot texts.yaml"
			textsSchema(s)
		case TestFile:
			s.Title = "carebot conversation tests"
			// A single value may stand for a list of one: vulnerable: senior.
			for _, dp := range [][2]string{{"ConversationFormat", "vulnerable"}, {"TurnFormat", "signals"}} {
				if d := def(s, dp[0]); d != nil {
					p := prop(d, dp[1])
					list := *p
					list.Description = ""
					*p = jsonschema.Schema{Description: p.Description, AnyOf: []*jsonschema.Schema{p.Items, &list}}
				}
			}
			if t := def(s, "TurnFormat"); t != nil {
				// person: 12 and press: 2 are read as numbers by YAML, and as
				// text by the test runner.
				for _, k := range []string{"person", "press"} {
					p := prop(t, k)
					p.Type = ""
					p.AnyOf = []*jsonschema.Schema{{Type: "string"}, {Type: "number"}}
				}
				// handoff: false checks that no hand-off was opened.
				h := prop(t, "handoff")
				*h = jsonschema.Schema{Description: h.Description, AnyOf: []*jsonschema.Schema{{Type: "boolean"}, {Ref: h.Ref}}}
			}
		}
		b, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			return nil, err
		}
		out[name] = append(b, '\n')
	}
	return out, nil
}

// textsSchema fills s with texts.yaml's groups and keys: every key of
// flow.TextKeys required, each a Text, and nothing else.
func textsSchema(s *jsonschema.Schema) {
	groups := map[string][]string{}
	for k := range flow.TextKeys {
		g, name, _ := strings.Cut(k, ".")
		groups[g] = append(groups[g], name)
	}
	s.Type = "object"
	s.Description = "The words carebot's channels and desk say outside any flow, in every language; a text may name only the {{placeholders}} its comment gives."
	s.Properties = orderedmap.New[string, *jsonschema.Schema]()
	s.AdditionalProperties = jsonschema.FalseSchema
	s.Required = nil
	if s.Definitions == nil {
		s.Definitions = jsonschema.Definitions{}
	}
	s.Definitions["Text"] = Text{}.JSONSchema()
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		names := slices.Sorted(slices.Values(groups[g]))
		gs := &jsonschema.Schema{Type: "object", Properties: orderedmap.New[string, *jsonschema.Schema](), AdditionalProperties: jsonschema.FalseSchema, Required: names}
		for _, n := range names {
			d := ""
			if ph := flow.TextKeys[g+"."+n]; len(ph) > 0 {
				d = "May use {{" + strings.Join(ph, "}}, {{") + "}}."
			}
			gs.Properties.Set(n, &jsonschema.Schema{Ref: "#/$defs/Text", Description: d})
		}
		s.Properties.Set(g, gs)
		s.Required = append(s.Required, g)
	}
}

func reflector() *jsonschema.Reflector {
	return &jsonschema.Reflector{
		RequiredFromJSONSchemaTags: true,
		ExpandedStruct:             true,
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if t == reflect.TypeFor[flowtest.StringOrList]() {
				return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{
					{Type: "string", MinLength: ptr(uint64(1))},
					{Type: "array", Items: &jsonschema.Schema{Type: "string", MinLength: ptr(uint64(1))}},
				}}
			}
			return nil
		},
	}
}

func def(s *jsonschema.Schema, name string) *jsonschema.Schema { return s.Definitions[name] }

func prop(s *jsonschema.Schema, name string) *jsonschema.Schema {
	p, _ := s.Properties.Get(name)
	if p == nil {
		panic("flowschema: no property " + name)
	}
	return p
}

func anys(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

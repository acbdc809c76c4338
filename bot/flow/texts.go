package flow

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// TextsFile is the name of the file that holds the words the channels and
// the desk say themselves, outside any flow: the Telegram command menu, the
// Slack peer-support request and its buttons, the desk's wait estimates and
// the private notices agents get. It is optional: a set without it uses
// whatever its caller falls back to (carebot uses the built-in file's texts).
const TextsFile = "texts.yaml"

// TextFlowRestarted is said when the flows were changed under a
// conversation and the step it was at no longer exists: its flow starts again.
const TextFlowRestarted = "bot.flow_restarted"

// TextFallback is the one kind line a person gets, on every channel, when a
// turn failed and the engine had nothing to say.
const TextFallback = "bot.fallback"

// TextPersonMedia notes in a hand-off's thread what the person sent that
// carebot cannot pass on ({{kind}}: photo, sticker, voice…).
const TextPersonMedia = "desk.person_media"

// TextPersonEdited marks, in a hand-off's thread, the new words of a
// message the person edited ({{text}}).
const TextPersonEdited = "desk.person_edited"

// TextKeys lists every key texts.yaml may hold ("group.name"), with the
// placeholders its text may use. A key is written in texts.yaml as the
// group and, under it, the name:
//
//	desk:
//	  wait_about:
//	    en: "Recently, people have waited about {{minutes}} minutes…"
//	    fr: "Ces derniers temps, l'attente a été d'environ {{minutes}} minutes…"
var TextKeys = map[string][]string{
	// The engine: a conversation whose step disappeared in a reload.
	TextFlowRestarted: nil,
	TextFallback:      nil,
	// The desk's words to the person waiting: what only the desk knows.
	"desk.wait_unknown": {"wait"},    // {{wait}}: minutes before the person is told nobody came
	"desk.wait_about":   {"minutes"}, // {{minutes}}: the recent typical wait
	"desk.wait_short":   nil,
	"desk.ahead":        {"ahead"}, // {{ahead}}: people ahead in the queue
	"desk.ahead_one":    nil,
	"desk.urgent":       nil,
	// What one agent is told privately about their action on the desk.
	"desk.notice_taken":        {"agent"}, // {{agent}}: who took it first
	"desk.notice_edit":         nil,
	"desk.notice_closed":       nil,
	"desk.notice_not_taken":    nil,
	"desk.notice_not_holder":   {"agent"},
	"desk.notice_error":        nil,
	"desk.notice_resolved":     {"conversation"}, // {{conversation}}: which one, without the person's words
	"desk.notice_none_held":    nil,
	"desk.notice_several_held": {"conversations"}, // {{conversations}}: one line per conversation held
	"desk.notice_not_desk":     nil,
	// Refusals to end a ticket: only its holder or a desk lead may.
	"desk.notice_not_yours":    nil,
	"desk.notice_untaken":      nil,
	"desk.notice_leads_only":   nil,
	"desk.notice_taken_cancel": nil,
	"desk.a_colleague":         nil, // fills {{agent}} when the holder is not named
	"desk.unnamed_agent":       nil, // the agent's name people see when Slack gives none
	// The desk card's buttons.
	"desk.button_take":    nil,
	"desk.button_resolve": nil,
	"desk.button_bot":     nil,
	// The desk board in Slack: what agents read on a ticket and in its thread.
	"desk.card_title":          {"priority", "reason", "queue"},
	"desk.priority_urgent":     nil,
	"desk.priority_high":       nil,
	"desk.priority_normal":     nil,
	"desk.card_who":            {"platform", "audience", "conversation", "language"},
	"desk.audience_customer":   nil,
	"desk.audience_employee":   nil,
	"desk.platform_console":    nil,
	"desk.card_asked":          {"text"},
	"desk.card_latest":         {"text"},
	"desk.card_collected":      {"slots"},
	"desk.card_signals":        {"signals"},
	"desk.card_no_signals":     nil,
	"desk.card_message":        {"text"},
	"desk.card_last_turns":     nil,
	"desk.speaker_bot":         nil,
	"desk.speaker_person":      nil,
	"desk.speaker_agent":       nil,
	"desk.status_waiting":      {"time"},
	"desk.status_timed_out":    nil,
	"desk.status_taken":        {"agent", "after", "note"},
	"desk.outcome_resolved":    nil,
	"desk.outcome_bot":         nil,
	"desk.outcome_left":        nil,
	"desk.outcome_cancelled":   nil,
	"desk.outcome_superseded":  nil,
	"desk.outcome_forgotten":   nil,
	"desk.outcome_closed":      nil,
	"desk.outcome_held_by":     {"agent"},
	"desk.outcome_first_reply": {"after"},
	"desk.outcome_no_reply":    nil,
	"desk.held_line":           {"platform", "audience", "conversation", "queue", "time"},
	"desk.thread_message":      {"text"},
	"desk.thread_person":       {"text"},
	"desk.person_media":        {"kind"},
	"desk.person_edited":       {"text"},
	"desk.thread_note":         {"agent", "text"},
	"desk.thread_agent":        {"agent", "text"},
	"desk.thread_taken":        {"agent", "after"},
	"desk.thread_timed_out":    {"wait"},
	// The holder's silence: the reminder (its mention added by the board),
	// the ticket back in the queue, and its outcome when nobody can come.
	"desk.thread_silent":          {"agent", "wait"},
	"desk.thread_silent_requeued": {"agent", "wait"},
	"desk.outcome_silent":         nil,
	"desk.another_agent":          nil,

	// A desk lead's cancel of a ticket nobody took: its button, its outcome.
	"desk.button_cancel":          nil,
	"desk.outcome_team_cancelled": nil,

	// Slack: peer support.
	"slack.peer_request": nil,
	// A colleague in danger, where only colleagues can come: urgent.
	"slack.peer_urgent_request": nil,
	"slack.peer_button":         nil,
	"slack.peer_taken":          nil,
	"slack.peer_closed":         nil,
	"slack.peer_was_taken":      nil,
	"slack.peer_was_closed":     nil,
	"slack.peer_own":            nil,
	"slack.peer_intro":          {"person", "volunteer"}, // Slack mentions of the two colleagues
	"slack.peer_failed":         nil,
	"slack.peer_error":          nil,
	"slack.not_for_you":         nil,
	// The terminal: carebot chat's own lines, and what carebot agent tells
	// the agent at the terminal desk (its refusals reuse desk.notice_*).
	"terminal.chat_greeting":          nil,
	"terminal.chat_agent_hint":        nil,
	"terminal.chat_handoff_hint":      {"queue", "priority"},
	"terminal.agent_greeting":         {"agent"},
	"terminal.agent_help":             nil,
	"terminal.agent_presence_failed":  {"err"},
	"terminal.agent_desk_unreachable": {"err"},
	"terminal.agent_new_ticket":       nil,
	"terminal.agent_ticket_queue":     {"queue", "status"},
	"terminal.agent_held_ended":       nil,
	"terminal.agent_no_tickets":       nil,
	"terminal.agent_unknown_command":  {"command"},
	"terminal.agent_already_holding":  nil,
	"terminal.agent_none_waiting":     nil,
	"terminal.agent_no_such_ticket":   {"number"},
	"terminal.agent_took":             {"agent"},
	"terminal.agent_none_held":        nil,
	"terminal.agent_not_holder":       nil,
	"terminal.agent_back":             nil,
	"terminal.agent_left":             nil,
	"terminal.agent_failed":           {"err"},
	// Telegram: the descriptions of the command menu.
	"telegram.menu_start":  nil,
	"telegram.menu_help":   nil,
	"telegram.menu_human":  nil,
	"telegram.menu_forget": nil,
}

// Text renders the texts.yaml text key in lang (a platform hint such as
// "fr-FR" reads as fr), in the set's first language when lang is not one of
// the set's, filling its placeholders from vars. A key the set lacks gives "".
func (s *Set) Text(key, lang string, vars map[string]string) string {
	t, ok := s.Texts[key]
	if !ok {
		return ""
	}
	def := ""
	if len(s.Common.Languages) > 0 {
		def = s.Common.Languages[0]
	}
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	return Render(t.In(base, def), func(name string) string { return vars[name] })
}

// texts parses texts.yaml: groups of keys, each a text in every language,
// naming only the placeholders TextKeys allows.
func (l *loader) texts(set *Set) {
	root := l.parseFile(TextsFile)
	if root == nil {
		return
	}
	groups := map[string][]string{}
	for k := range TextKeys {
		g, name, _ := strings.Cut(k, ".")
		groups[g] = append(groups[g], name)
	}
	groupNames := slices.Sorted(maps.Keys(groups))
	gf, ok := l.mapping(root, "", "texts.yaml", groupNames)
	if !ok {
		return
	}
	set.Texts = map[string]Text{}
	l.noSimple = "the channels' and the desk's words are said the same way to everyone"
	defer func() { l.noSimple = "" }()
	for _, g := range groupNames {
		names := slices.Sorted(slices.Values(groups[g]))
		e, ok := gf[g]
		if !ok {
			l.errf(root, "", "missing %q: the texts %s are required", g, strings.Join(names, ", "))
			continue
		}
		f, ok := l.mapping(e.val, "", g, names)
		if !ok {
			continue
		}
		for _, name := range names {
			key := g + "." + name
			te, ok := f[name]
			if !ok {
				l.errf(e.key, "", "%s has no %q text", g, name)
				continue
			}
			uses := len(l.slotUses)
			t := l.text(te.val, "", fmt.Sprintf("text %q", key))
			// Placeholders here are the channel's own, not slots.
			l.slotUses = l.slotUses[:uses]
			allowed := TextKeys[key]
			for _, lang := range slices.Sorted(maps.Keys(t.ByLang)) {
				for _, p := range scan(t.ByLang[lang]) {
					if p.name == "" || slices.Contains(allowed, p.name) {
						continue
					}
					hint := "; it may use none"
					if len(allowed) > 0 {
						hint = didYouMean(p.name, allowed)
						if hint == "" {
							hint = "; it may use {{" + strings.Join(allowed, "}}, {{") + "}}"
						}
					}
					l.errf(textNode(te.val, lang), "", "the %q text %q uses {{%s}}, which it cannot fill%s", lang, key, p.name, hint)
				}
			}
			set.Texts[key] = t
		}
	}
}

// textNode is the node of lang's line in a text, or the text itself.
func textNode(n *yaml.Node, lang string) *yaml.Node {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == lang {
				return n.Content[i+1]
			}
		}
	}
	return n
}

// version is the content hash of a set's files: the same files give the
// same version on every replica.
func version(files map[string][]byte) string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%d:%s\n%d:", len(name), name, len(files[name]))
		h.Write(files[name])
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

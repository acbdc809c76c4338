package desk

import (
	"strconv"
	"time"
)

// The desk's own words to the person waiting: how long, honestly. The
// flows say that a person is coming; these lines add what only the desk
// knows (the queue and recent waits, the business hours). They live in the
// flows' texts.yaml (group desk), in every language, and are reloaded with
// the flows. Placeholders: {{minutes}} recent typical wait, {{ahead}}
// people ahead, {{wait}} the configured wait before the person is told
// nobody came, {{hours}} the business hours.
const (
	txtWaitUnknown = "desk.wait_unknown"
	txtWaitAbout   = "desk.wait_about"
	txtWaitShort   = "desk.wait_short"
	txtAhead       = "desk.ahead"
	txtAheadOne    = "desk.ahead_one"
	txtUrgent      = "desk.urgent"
)

// text renders the key in lang ("fr-FR" reads as fr; a language the flows
// lack reads in their first).
func (d *Desk) text(lang, key string, vars map[string]string) string {
	return d.cfg.Texts.Text(key, lang, vars)
}

// minutes rounds d up to whole minutes, at least 1.
func minutes(d time.Duration) string {
	m := int((d + time.Minute - 1) / time.Minute)
	return strconv.Itoa(max(1, m))
}

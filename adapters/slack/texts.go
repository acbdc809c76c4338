package slack

// The adapter's own words: the peer-support request in the shared channel,
// and what volunteers see.
// The conversation itself is written by the flows; these few lines belong
// to Slack's mechanics (buttons, group DMs). Like every text people read,
// they live in the flows' texts.yaml (group slack), in every language, and
// are reloaded with the flows.
const (
	txtPeerRequest   = "slack.peer_request"
	txtPeerUrgent    = "slack.peer_urgent_request"
	txtPeerButton    = "slack.peer_button"
	txtPeerTaken     = "slack.peer_taken"
	txtPeerClosed    = "slack.peer_closed"
	txtPeerWasTaken  = "slack.peer_was_taken"
	txtPeerWasClosed = "slack.peer_was_closed"
	txtPeerOwn       = "slack.peer_own"
	txtPeerIntro     = "slack.peer_intro"
	txtPeerFailed    = "slack.peer_failed"
	txtPeerError     = "slack.peer_error"
	txtNotForYou     = "slack.not_for_you"
)

// text renders the text key in lang ("fr-FR" reads as fr; a language the
// flows lack reads in their first).
func (c *client) text(lang, key string, vars map[string]string) string {
	return c.cfg.Texts.Text(key, lang, vars)
}

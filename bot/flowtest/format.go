package flowtest

// The types below are the format of a test file, as support leads write it.
// Load reads files by walking their YAML nodes (to report problems at
// FILE:LINE:COL); these types name the keys it knows and generate the JSON
// Schema that editors use (see bot/flowschema), so the two cannot drift.

// FileFormat is one test file: named conversations.
type FileFormat struct {
	Conversations []ConversationFormat `json:"conversations" jsonschema:"required,minItems=1" jsonschema_description:"The conversations of this file, each run on its own from a fresh start."`
}

// ConversationFormat is one conversation: its setting, then its turns.
type ConversationFormat struct {
	Name       string       `json:"name" jsonschema:"required,minLength=1" jsonschema_description:"What the conversation checks, in a few words; unique in the file. --run picks conversations by name."`
	Lang       string       `json:"lang,omitempty" jsonschema_description:"The language of the person's chat app (en, fr); default: the first language of the flows."`
	Audience   string       `json:"audience,omitempty" jsonschema:"enum=customer,enum=employee" jsonschema_description:"Who writes: a customer (Telegram) or an employee (the staff Slack). Default customer."`
	Vulnerable []string     `json:"vulnerable,omitempty" jsonschema:"enum=senior,enum=pregnant,enum=disabled" jsonschema_description:"What the person said about themselves earlier: senior, pregnant, disabled."`
	Time       string       `json:"time,omitempty" jsonschema:"pattern=^((mon|tue|wed|thu|fri|sat|sun) )?([01][0-9]|2[0-3]):[0-5][0-9]$" jsonschema_description:"When the conversation starts (UTC), such as \"sat 22:30\"; default \"mon 10:00\". It matters for the desk's hours."`
	Desk       bool         `json:"desk,omitempty" jsonschema_description:"true: the hand-off desk runs as in production (tickets, wait estimates, business hours, waits that end); false (default): a team is there, and the test plays the desk's events itself (event:)."`
	Nobody     bool         `json:"nobody,omitempty" jsonschema_description:"true: nobody can come, as in carebot chat without a desk: asking for a person gets the honest answer and the configured contacts, and no hand-off opens. Not with desk: true."`
	Peer       bool         `json:"peer,omitempty" jsonschema_description:"true: only colleagues can come, through the peer-support channel, as on the staff Slack without a desk: a hand-off to the peer queue opens, asking the team's desk for a person gets the honest answer. Not with desk: true or nobody: true."`
	Hours      string       `json:"hours,omitempty" jsonschema:"pattern=^((mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))? )?([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$" jsonschema_description:"The desk's business hours, such as \"mon-fri 09:00-18:00\" (UTC); default: always open."`
	Turns      []TurnFormat `json:"turns" jsonschema:"required,minItems=1" jsonschema_description:"What happens, turn by turn: one thing the person does, then what must be true."`
}

// TurnFormat is one turn: exactly one of person, press, event and wait,
// then the checks.
type TurnFormat struct {
	// What happens.
	Person string `json:"person,omitempty" jsonschema_description:"What the person writes."`
	Press  string `json:"press,omitempty" jsonschema_description:"The button the person presses: its label as shown (in the conversation's language) or its number."`
	Event  string `json:"event,omitempty" jsonschema:"enum=handoff_taken,enum=handoff_timeout,enum=handoff_closed,enum=handoff_agent_silent,enum=handoff_agent_silent_requeued,enum=handoff_agent_silent_ended" jsonschema_description:"What happens on the desk: a person takes the conversation, nobody came in time, or the hand-off ends; the agent who took it stays silent (handoff_agent_silent), still silent after the reminder the request goes back to the queue (handoff_agent_silent_requeued) or, nobody else able to come, back to the bot (handoff_agent_silent_ended)."`
	Agent  string `json:"agent,omitempty" jsonschema_description:"With event: handoff_taken, the first name the person sees (default Sam)."`
	Wait   string `json:"wait,omitempty" jsonschema:"pattern=^[0-9]+(s|m|h)$" jsonschema_description:"Time passes, such as 6m; with a desk, a wait that ends is ended."`

	// What must be true after it.
	Says         StringOrList      `json:"says,omitempty" jsonschema_description:"The bot says something containing this text (capitals ignored). A list: every one of them."`
	Matches      StringOrList      `json:"matches,omitempty" jsonschema_description:"The bot says something matching this pattern (a regular expression)."`
	Buttons      []string          `json:"buttons,omitempty" jsonschema_description:"The buttons offered, in order, by their labels; [] means none."`
	Flow         string            `json:"flow,omitempty" jsonschema_description:"The flow the conversation is in afterwards."`
	Step         string            `json:"step,omitempty" jsonschema_description:"The step the conversation waits at afterwards."`
	Slots        map[string]string `json:"slots,omitempty" jsonschema_description:"Slots filled, with their values."`
	Signals      []string          `json:"signals,omitempty" jsonschema:"enum=distress,enum=anger,enum=anxiety,enum=lonely,enum=grief,enum=crisis,enum=senior,enum=pregnant,enum=disabled" jsonschema_description:"Care signals the bot noticed."`
	Handoff      *HandoffFormat    `json:"handoff,omitempty" jsonschema_description:"A hand-off to a person was opened in this turn."`
	Safety       bool              `json:"safety,omitempty" jsonschema_description:"true: the fixed safety message was sent, word for word; false: it was not."`
	Satisfaction bool              `json:"satisfaction,omitempty" jsonschema_description:"true: the bot asked how it went (1 to 5); false: it did not."`
}

// HandoffFormat checks a hand-off.
type HandoffFormat struct {
	Queue    string `json:"queue,omitempty" jsonschema_description:"The team queue."`
	Priority string `json:"priority,omitempty" jsonschema:"enum=normal,enum=high,enum=urgent"`
}

// StringOrList is one text or a list of texts.
type StringOrList []string

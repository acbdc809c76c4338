package bot

// TraceEvent is one thing a turn did that a coverage report counts: a step
// entered, or a button chosen (pressed, or its label or number typed).
type TraceEvent struct {
	Lang   string // the conversation's language at that moment
	Flow   string
	Step   string
	Choice string // the chosen button's ID; "" when a step was entered
}

// Package console is carebot's terminal channel: one person types on stdin
// and reads the bot on stdout. `carebot chat` uses it, and so do the
// end-to-end tests.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/carebot/carebot/adapters/internal/turn"
	"github.com/carebot/carebot/bot"
)

// Config configures the terminal channel.
type Config struct {
	In   io.Reader
	Out  io.Writer
	User string // who is typing (default "you")
	Lang string // language hint ("fr"); the bot may still follow the person's words
	// PaceScale multiplies the flows' pauses: 1 types like a person, 0 never waits.
	PaceScale float64
	// Prompt is printed before each line read ("" prints none).
	Prompt string
	// Greet starts the conversation before the person types: the welcome
	// for a new one, the question it stopped at for one kept in the store
	// (REDIS_URL), so a relaunched terminal resumes where it stopped.
	Greet  bool
	Logger *slog.Logger
	// Texts give the fallback line of a failed turn (the engine). Required.
	Texts bot.Texts
	// Gate counts each message as it arrives (flood control; the engine).
	// nil: the handler counts at turn time.
	Gate bot.Gate
	// TurnTimeout bounds one turn and its replies (60 s when zero).
	TurnTimeout time.Duration
}

// Platform names the terminal in addresses (and in the config's
// audiences: "console: employee" talks as a colleague does on Slack).
const Platform = "console"

// Adapter is the terminal channel.
type Adapter struct {
	cfg  Config
	log  *slog.Logger
	mu   sync.Mutex // one writer on Out: replies and relayed messages
	last []bot.Choice
	run  string
}

var (
	_ bot.Adapter = (*Adapter)(nil)
	_ bot.Sender  = (*Adapter)(nil)
)

// New returns a terminal channel. It does no I/O.
func New(cfg Config) *Adapter {
	if cfg.User == "" {
		cfg.User = "you"
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Adapter{cfg: cfg, log: log.With("platform", Platform), run: strconv.FormatInt(time.Now().UnixNano(), 36)}
}

// Address is the conversation this terminal holds.
func (a *Adapter) Address() bot.Address {
	return bot.Address{Platform: Platform, Chat: a.cfg.User, User: a.cfg.User}
}

// Run reads lines until EOF, an exit command (/quit, /exit) or ctx ends,
// and prints the replies. "quit" alone is the person's, not the terminal's:
// the flows read it as a cancel word, so it stops a step and never leaves.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(a.cfg.In)
		sc.Buffer(make([]byte, 64*1024), 1<<20) // a pasted 100 KB message is one message, not an error
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
	}()

	r := turn.New(turn.Config{Handler: h, Gate: a.cfg.Gate, Texts: a.cfg.Texts, Timeout: a.cfg.TurnTimeout, Logger: a.log})
	defer r.Close()
	n := 0
	say := func(text string) {
		n++
		m := bot.Message{ID: a.run + "-" + strconv.Itoa(n), From: a.Address(), Lang: a.cfg.Lang, At: time.Now()}
		m.Text, m.Choice = a.interpret(text)
		// One line at a time: the prompt comes back once the turn is done.
		r.Run(ctx, turn.Job{Key: "console", Msg: &m, Deliver: func(ctx context.Context, _ bot.Message, replies []bot.Reply) error {
			a.print(ctx, replies)
			return nil
		}})
	}
	if a.cfg.Greet {
		// An empty message: the engine welcomes a new conversation and
		// repeats the current question of one in progress.
		say("")
	}
	for {
		a.prompt()
		select {
		case <-ctx.Done():
			return nil
		case err := <-readErr:
			if err != nil {
				return fmt.Errorf("read input: %w", err)
			}
			return nil
		case line := <-lines:
			if isExit(line) {
				return nil
			}
			say(line)
		}
	}
}

// Send prints messages that arrive without an inbound line (an agent's reply).
func (a *Adapter) Send(ctx context.Context, to bot.Address, replies []bot.Reply) error {
	if to != a.Address() {
		return fmt.Errorf("send to %s: not this terminal", to.Hash())
	}
	a.print(ctx, replies)
	return nil
}

// interpret turns a typed number into the matching button, if the last
// question had buttons.
func (a *Adapter) interpret(text string) (string, string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if n, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && n >= 1 && n <= len(a.last) {
		return "", a.last[n-1].ID
	}
	return text, ""
}

func (a *Adapter) prompt() {
	if a.cfg.Prompt == "" {
		return
	}
	a.mu.Lock()
	fmt.Fprint(a.cfg.Out, a.cfg.Prompt)
	a.mu.Unlock()
}

func (a *Adapter) print(ctx context.Context, replies []bot.Reply) {
	if len(replies) > 0 {
		a.mu.Lock()
		a.last = nil // a number answers only the latest question
		a.mu.Unlock()
	}
	for _, r := range replies {
		if r.Pause > 0 && a.cfg.PaceScale > 0 {
			t := time.NewTimer(time.Duration(float64(r.Pause) * a.cfg.PaceScale))
			select {
			case <-ctx.Done():
				t.Stop()
			case <-t.C:
			}
		}
		a.mu.Lock()
		if r.Text != "" {
			fmt.Fprintf(a.cfg.Out, "bot: %s\n", strings.ReplaceAll(r.Text, "\n", "\n     "))
		}
		for i, c := range r.Choices {
			fmt.Fprintf(a.cfg.Out, "     %d) %s\n", i+1, c.Label)
		}
		if len(r.Choices) > 0 {
			a.last = r.Choices
		}
		if r.Handoff != nil && r.Handoff.Status == bot.HandoffWaiting {
			fmt.Fprintf(a.cfg.Out, "     %s\n", a.handoffHint(*r.Handoff))
		}
		a.mu.Unlock()
	}
}

// handoffHint is the line under a hand-off's promise: who will take over,
// in the terminal's language (texts.yaml terminal.chat_handoff_hint). Before,
// it was English in a French chat.
func (a *Adapter) handoffHint(h bot.Handoff) string {
	prio := a.cfg.Texts.Text("desk.priority_"+h.Priority.String(), a.cfg.Lang, nil)
	if prio == "" {
		prio = h.Priority.String()
	}
	if s := a.cfg.Texts.Text("terminal.chat_handoff_hint", a.cfg.Lang, map[string]string{"queue": h.Queue, "priority": prio}); s != "" {
		return s
	}
	return fmt.Sprintf("[a person will take over this conversation: %s team, %s priority]", h.Queue, h.Priority)
}

// isExit reports whether a typed line asks the terminal to close.
func isExit(line string) bool {
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "/quit", "/exit":
		return true
	}
	return false
}

package main

// `carebot agent`: play the team's agent in a terminal. It answers the
// hand-offs of `carebot chat` running on the same REDIS_URL (the terminal
// desk, see termdesk.go): new tickets show up as they arrive, most urgent
// first; /take holds one, what you type goes to the person, a line
// starting with "note:" stays internal, /resolve ends it (the person gets
// the closing line and the satisfaction question) and /back gives the
// conversation back to the bot. Only the agent who took a ticket may end
// it (the desk's rule, desk.Ticket.End). The agent's own words here are
// staff-facing: the person's side reads the flows' texts.

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/config"
)

// agentPoll is how often the agent terminal looks for new tickets and new
// lines in the thread it follows.
const agentPoll = 300 * time.Millisecond

func agentCmd(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	var name, lang string
	cmd := &cobra.Command{
		Use:   "agent",
		Short: "Answer the hand-offs of carebot chat from this terminal (same REDIS_URL)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(getenv)
			if err != nil {
				return err
			}
			if cfg.Redis.URL == "" {
				return errAgentNeedsRedis
			}
			name = strings.TrimSpace(name)
			if name == "" || strings.ContainsAny(name, "\n\r") {
				return errors.New("--name: give the first name people will see, such as --name Sam")
			}
			log := newLogger(cfg, stderr, "warn")
			app, err := newApp(cmd.Context(), cfg, log, stderr)
			if err != nil {
				return err
			}
			defer app.Close()
			rs, ok := app.store.(*redisstore.Store)
			if !ok {
				return errAgentNeedsRedis
			}
			// What the desk says to a person in a terminal goes through
			// Redis to their carebot chat.
			d, err := app.newTermDesk(map[string]bot.Sender{"console": termOutbox{rs}})
			if err != nil {
				return err
			}
			ag := &agent{
				d: d, h: app.handler, rs: rs, board: termBoard{rs}, texts: app.engine, lang: lang, out: stdout, name: name, id: "terminal:" + name,
				queues: deskQueues(app.flows, cfg.Slack.PeerQueue), shown: map[string]bool{}, seen: map[string]int64{},
			}
			return ag.run(cmd.Context(), stdin)
		},
	}
	cmd.Flags().StringVar(&name, "name", "Sam", "your first name, as people will see it")
	cmd.Flags().StringVar(&lang, "lang", "", "the language of this terminal's own lines (en, fr); default the flows' first")
	return cmd
}

// deskQueues are the queues of the flows' hand-offs and the crisis queue,
// except the peer queue (colleagues answer it on Slack, anonymously).
func deskQueues(set *flow.Set, peerQueue string) []string {
	qs := []string{set.Common.CrisisQueue}
	for _, f := range set.Flows {
		for _, st := range f.Steps {
			if st.Handoff != nil {
				qs = append(qs, st.Handoff.Queue)
			}
		}
	}
	slices.Sort(qs)
	qs = slices.Compact(qs)
	return slices.DeleteFunc(qs, func(q string) bool { return q == "" || q == peerQueue })
}

// agent is one agent terminal.
type agent struct {
	d      *desk.Desk
	h      bot.Handler // the engine, told about this agent's actions
	rs     *redisstore.Store
	board  termBoard
	texts  bot.Texts // the terminal's lines and the desk thread's (texts.yaml)
	lang   string    // the language of the terminal's own lines; the thread's are the flows' first
	out    io.Writer
	name   string
	id     string // the agent's ID on tickets: "terminal:<name>"
	queues []string

	mu    sync.Mutex // one writer on out; the fields below
	list  []desk.Ticket
	shown map[string]bool  // tickets already announced
	held  string           // the ticket held, "" for none
	seen  map[string]int64 // per thread, the lines already printed
	nmsgs int
}

func (ag *agent) printf(format string, args ...any) {
	ag.mu.Lock()
	defer ag.mu.Unlock()
	fmt.Fprintf(ag.out, format, args...)
}

// text is the texts.yaml line key in the agent's language.
func (ag *agent) text(key string, vars map[string]string) string {
	return ag.texts.Text(key, ag.lang, vars)
}

// tell prints the texts.yaml line key, in the agent's language.
func (ag *agent) tell(key string, vars map[string]string) {
	ag.printf("%s\n", ag.text(key, vars))
}

// failed tells the agent that an action did not work, and why.
func (ag *agent) failed(err error) {
	ag.tell("terminal.agent_failed", map[string]string{"err": err.Error()})
}

// run announces the agent, follows the desk and reads commands until
// /quit, the end of the input or ctx.
func (ag *agent) run(ctx context.Context, in io.Reader) error {
	// Announced before anything is printed: once the greeting shows, a
	// chat's hand-off finds someone here.
	if err := ag.rs.Announce(ctx, ag.id, agentTTL); err != nil {
		return fmt.Errorf("announce the agent: %w", err)
	}
	defer func() {
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		ag.leaveHeld(lctx)
		_ = ag.rs.Leave(lctx, ag.id)
	}()
	ag.tell("terminal.agent_greeting", map[string]string{"agent": ag.name})
	ag.tell("terminal.agent_help", nil)
	ctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		stop()
		wg.Wait()
	}()
	wg.Go(func() { ag.follow(ctx) })

	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		close(lines)
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				return nil
			}
			if quit := ag.command(ctx, strings.TrimSpace(line)); quit {
				return nil
			}
		}
	}
}

// follow keeps the presence fresh, announces new tickets and prints the
// held ticket's thread as it grows.
func (ag *agent) follow(ctx context.Context) {
	renew := time.NewTicker(agentRenew)
	defer renew.Stop()
	poll := time.NewTicker(agentPoll)
	defer poll.Stop()
	for {
		ag.refresh(ctx, true)
		ag.thread(ctx)
		select {
		case <-ctx.Done():
			return
		case <-renew.C:
			if err := ag.rs.Announce(ctx, ag.id, agentTTL); err != nil && ctx.Err() == nil {
				ag.tell("terminal.agent_presence_failed", map[string]string{"err": err.Error()})
			}
		case <-poll.C:
		}
	}
}

// tickets returns the terminal desk's open tickets, most urgent first, then oldest.
func (ag *agent) tickets(ctx context.Context) ([]desk.Ticket, error) {
	var all []desk.Ticket
	for _, q := range ag.queues {
		ts, err := ag.rs.Desk().OpenTickets(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if strings.HasPrefix(t.Thread, termRefPrefix) {
				all = append(all, t)
			}
		}
	}
	slices.SortStableFunc(all, func(a, b desk.Ticket) int { return cmp.Compare(desk.QueueScore(a), desk.QueueScore(b)) })
	return all, nil
}

// refresh reloads the list; with announce, it prints the tickets not seen before.
func (ag *agent) refresh(ctx context.Context, announce bool) {
	ts, err := ag.tickets(ctx)
	if err != nil {
		if ctx.Err() == nil {
			ag.tell("terminal.agent_desk_unreachable", map[string]string{"err": err.Error()})
		}
		return
	}
	ag.mu.Lock()
	ag.list = ts
	var fresh []int
	for i, t := range ts {
		if !ag.shown[t.ID] {
			ag.shown[t.ID] = true
			fresh = append(fresh, i)
		}
	}
	ag.mu.Unlock()
	if !announce {
		return
	}
	for _, i := range fresh {
		ag.showTicket(ctx, ag.text("terminal.agent_new_ticket", nil), i+1, ts[i])
	}
}

// showTicket prints a ticket's card: the redacted summary the desk made.
func (ag *agent) showTicket(ctx context.Context, head string, n int, t desk.Ticket) {
	c, ok, err := ag.board.card(ctx, t.Thread)
	if err != nil || !ok {
		ag.printf("%s %d) %s\n", head, n, ag.text("terminal.agent_ticket_queue", map[string]string{"queue": t.Queue, "status": string(t.Status)}))
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d) %s\n", head, n, c.Title)
	for _, l := range c.Lines {
		fmt.Fprintf(&b, "     %s\n", l)
	}
	fmt.Fprintf(&b, "     %s\n", c.Status)
	ag.printf("%s", b.String())
}

// thread prints the new lines of the held ticket's thread, and notices
// when the ticket ends (the person withdrew, another way).
func (ag *agent) thread(ctx context.Context) {
	ag.mu.Lock()
	id := ag.held
	ag.mu.Unlock()
	if id == "" {
		return
	}
	t, err := ag.rs.Desk().Ticket(ctx, id)
	if err != nil {
		return
	}
	ref := t.Thread
	ag.mu.Lock()
	from := ag.seen[ref]
	ag.mu.Unlock()
	lines, err := ag.rs.Lines(ctx, threadBox(ref), from)
	if err != nil {
		return
	}
	ag.mu.Lock()
	ag.seen[ref] = from + int64(len(lines))
	for _, l := range lines {
		fmt.Fprintf(ag.out, "  │ %s\n", l)
	}
	if !t.Open() && ag.held == id {
		ag.held = ""
		fmt.Fprintf(ag.out, "%s\n", ag.text("terminal.agent_held_ended", nil))
	}
	ag.mu.Unlock()
}

// command runs one typed line; it reports whether to quit.
func (ag *agent) command(ctx context.Context, line string) (quit bool) {
	cmdWord, arg, _ := strings.Cut(line, " ")
	switch low := strings.ToLower(cmdWord); {
	case line == "":
	case low == "/quit" || low == "/exit":
		return true
	case low == "/help":
		ag.tell("terminal.agent_help", nil)
	case low == "/list":
		ag.refresh(ctx, false)
		ag.mu.Lock()
		list := slices.Clone(ag.list)
		ag.mu.Unlock()
		if len(list) == 0 {
			ag.tell("terminal.agent_no_tickets", nil)
		}
		for i, t := range list {
			ag.showTicket(ctx, "", i+1, t)
		}
	case low == "/take":
		ag.take(ctx, strings.TrimSpace(arg))
	case low == "/resolve" || low == "/back":
		outcome := desk.OutcomeResolved
		if low == "/back" {
			outcome = desk.OutcomeBot
		}
		ag.end(ctx, outcome)
	case strings.HasPrefix(low, "/"):
		ag.tell("terminal.agent_unknown_command", map[string]string{"command": cmdWord})
		ag.tell("terminal.agent_help", nil)
	case strings.HasPrefix(strings.ToLower(line), desk.NotePrefix):
		ag.note(ctx, line)
	default:
		ag.say(ctx, line)
	}
	return false
}

func (ag *agent) take(ctx context.Context, arg string) {
	ag.refresh(ctx, false)
	ag.mu.Lock()
	list := slices.Clone(ag.list)
	held := ag.held
	ag.mu.Unlock()
	if held != "" {
		ag.tell("terminal.agent_already_holding", nil)
		return
	}
	var t desk.Ticket
	switch {
	case arg == "":
		i := slices.IndexFunc(list, func(t desk.Ticket) bool { return t.Status == bot.HandoffWaiting })
		if i < 0 {
			ag.tell("terminal.agent_none_waiting", nil)
			return
		}
		t = list[i]
	default:
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 || n > len(list) {
			ag.tell("terminal.agent_no_such_ticket", map[string]string{"number": arg})
			return
		}
		t = list[n-1]
	}
	holder, won, err := ag.d.Take(ctx, ag.h, t.ID, ag.id, ag.name)
	switch {
	case err != nil:
		ag.failed(err)
	case won:
		ag.mu.Lock()
		ag.held = t.ID
		ag.mu.Unlock()
		ag.tell("terminal.agent_took", map[string]string{"agent": ag.name})
		ag.thread(ctx)
	case holder != "":
		ag.tell("desk.notice_taken", map[string]string{"agent": holder})
	default:
		ag.tell("desk.notice_closed", nil)
	}
}

// held returns the ticket the agent holds, or false after saying none is.
func (ag *agent) heldTicket(ctx context.Context) (desk.Ticket, bool) {
	ag.mu.Lock()
	id := ag.held
	ag.mu.Unlock()
	if id == "" {
		ag.tell("terminal.agent_none_held", nil)
		return desk.Ticket{}, false
	}
	t, err := ag.rs.Desk().Ticket(ctx, id)
	if err != nil {
		ag.failed(err)
		return desk.Ticket{}, false
	}
	return t, true
}

func (ag *agent) end(ctx context.Context, outcome string) {
	t, ok := ag.heldTicket(ctx)
	if !ok {
		return
	}
	// The desk decides who may end a ticket (the agent holding it, or a
	// lead: desk.Ticket.End); a terminal agent holds only what it took.
	notice, err := ag.d.Resolve(ctx, ag.h, t.ID, ag.id, outcome)
	switch {
	case err != nil:
		ag.failed(err)
		return
	case notice == desk.NoticeClosed:
		ag.tell("desk.notice_closed", nil)
	case notice != desk.NoticeNone:
		// The desk decides atomically (desk.Ticket.End): only the holder
		// or a desk lead ends a ticket.
		ag.tell("desk.notice_not_yours", nil)
		return
	case outcome == desk.OutcomeBot:
		ag.tell("terminal.agent_back", nil)
	default:
		ag.tell("desk.notice_resolved", map[string]string{"conversation": t.Address.Hash()})
	}
	ag.thread(ctx)
	ag.mu.Lock()
	ag.held = ""
	ag.mu.Unlock()
}

// leaveHeld gives the conversation the agent still holds back to the bot
// as they leave (/quit, Ctrl-D, the terminal closed). Before, the person
// who had read "Sam, from our team, is here with you now" went on writing
// to nobody and was never told; now they hear that Sam had to leave
// (desk.OutcomeLeft), and the agent is told so.
func (ag *agent) leaveHeld(ctx context.Context) {
	ag.mu.Lock()
	id := ag.held
	ag.held = ""
	ag.mu.Unlock()
	if id == "" {
		return
	}
	notice, err := ag.d.Resolve(ctx, ag.h, id, ag.id, desk.OutcomeLeft)
	switch {
	case err != nil:
		ag.failed(err)
	case notice == desk.NoticeNone:
		ag.tell("terminal.agent_left", nil)
	}
}

func (ag *agent) note(ctx context.Context, line string) {
	t, ok := ag.heldTicket(ctx)
	if !ok {
		return
	}
	txt := strings.TrimSpace(line[len(desk.NotePrefix):])
	if err := ag.board.Reply(ctx, t.Thread, ag.texts.Text("desk.thread_note", "", map[string]string{"agent": ag.name, "text": desk.Redact(txt)})); err != nil {
		ag.failed(err)
	}
}

func (ag *agent) say(ctx context.Context, line string) {
	t, ok := ag.heldTicket(ctx)
	if !ok {
		return
	}
	ag.mu.Lock()
	ag.nmsgs++
	id := fmt.Sprintf("%s-%d-%d", ag.id, time.Now().UnixNano(), ag.nmsgs)
	ag.mu.Unlock()
	notice, err := ag.d.AgentMessage(ctx, ag.h, t.Thread, id, ag.id, line)
	switch {
	case err != nil:
		ag.failed(err)
	case notice == desk.NoticeClosed:
		ag.tell("desk.notice_closed", nil)
	case notice == desk.NoticeNotHolder, notice == desk.NoticeNotTaken:
		ag.tell("terminal.agent_not_holder", nil)
	default:
		if err := ag.board.Reply(ctx, t.Thread, ag.texts.Text("desk.thread_agent", "", map[string]string{"agent": ag.name, "text": desk.Redact(line)})); err != nil {
			ag.failed(err)
		}
	}
}

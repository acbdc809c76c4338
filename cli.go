package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/carebot/carebot/adapters/console"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/nlu"
	"github.com/carebot/carebot/config"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func newRoot(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	root := &cobra.Command{
		Use:           "carebot",
		Short:         "An empathetic customer-care chatbot",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		chatCmd(stdin, stdout, stderr, getenv),
		serveCmd(stdout, stderr, getenv),
		flowsCmd(stdin, stdout, stderr, getenv),
		benchCmd(stdout, stderr, getenv),
		agentCmd(stdin, stdout, stderr, getenv),
		followUpsCmd(stdout, getenv),
		studioCmd(stdout, stderr, getenv),
		&cobra.Command{
			Use:   "version",
			Short: "Print carebot's version",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				fmt.Fprintln(stdout, "carebot", buildVersion())
				// The flow-set version this configuration would run: the
				// same as /readyz and carebot_flows_info report.
				cfg, err := config.Load(getenv)
				if err != nil {
					return fmt.Errorf("configuration: %w", err)
				}
				where := "built-in"
				if cfg.FlowsDir != "" {
					where = cfg.FlowsDir
				}
				set, err := loadFlows(cfg)
				if err != nil {
					fmt.Fprintf(stdout, "flows invalid (%s): run carebot flows validate\n", where)
					return nil
				}
				fmt.Fprintf(stdout, "flows %s (%s)\n", set.Version, where)
				return nil
			},
		},
	)
	return root
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func chatCmd(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	var (
		lang, user, audience string
		pace                 float64
		clockSpeed           float64
	)
	cmd := &cobra.Command{
		Use:   "chat",
		Short: "Talk to carebot in this terminal (in memory unless REDIS_URL is set)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(getenv)
			if err != nil {
				return err
			}
			log := newLogger(cfg, stderr, "warn")
			switch audience {
			case "":
			case flow.AudienceCustomer, flow.AudienceEmployee:
				// As on the staff Slack: the welcome, flows and words an
				// employee gets.
				cfg.Audiences = maps.Clone(cfg.Audiences)
				if cfg.Audiences == nil {
					cfg.Audiences = map[string]string{}
				}
				cfg.Audiences[console.Platform] = audience
			default:
				return fmt.Errorf("--audience %q: use customer, or employee to talk as a colleague does on the staff Slack", audience)
			}
			var opts []appOption
			if clockSpeed != 1 {
				if clockSpeed <= 0 {
					return fmt.Errorf("--clock-speed %v: use a number above 0, such as 3600 (an hour a second)", clockSpeed)
				}
				opts = append(opts, withClock(fastClock(clockSpeed)))
			}
			app, err := newApp(cmd.Context(), cfg, log, stderr, append(opts, withDesk(deskChat))...)
			if err != nil {
				return err
			}
			defer app.Close()
			prompt := ""
			if isTerminal(stdin) {
				prompt = "you: "
			}
			// The terminal's own line (not the bot's): how to answer, how to
			// stop a step and how to leave. "quit" and "cancel" are the
			// flows' cancel words, so the terminal leaves only on /quit,
			// /exit or the end of the input.
			fmt.Fprintln(stdout, app.engine.Text("terminal.chat_greeting", lang, nil))
			c := console.New(console.Config{In: stdin, Out: stdout, User: user, Lang: lang, PaceScale: pace, Prompt: prompt, Greet: true, Logger: log,
				Texts: app.engine, Gate: app.engine, TurnTimeout: cfg.TurnTimeout})
			// The desk relays agents' words to the terminal through its
			// sender; it is registered before the desk can send.
			app.senders[c.Address().Platform] = c
			bg, err := app.deskChannels()
			if errors.Is(err, errDeskNeedsSocket) {
				// Chatting still works; asking for a person gets the honest no-desk answer.
				log.Warn("hand-off desk off: it needs Slack Socket Mode (SLACK_APP_TOKEN) in carebot chat; the Events API over HTTP (SLACK_SIGNING_SECRET) works only with carebot serve")
			} else if err != nil {
				return err
			}
			if len(bg) > 0 {
				log.Info("hand-off desk on: agents answer from Slack")
			} else if bg = app.termDeskChannels(c); len(bg) > 0 {
				fmt.Fprintln(stdout, app.engine.Text("terminal.chat_agent_hint", lang, nil))
			}
			// Check-ins the person agreed to arrive in the terminal when due;
			// one person, in memory: looking every second costs nothing.
			if fu, err := app.followUpChannel(min(cfg.FollowUps.Interval, time.Second)); err != nil {
				return err
			} else if fu != nil {
				bg = append(bg, *fu)
			}
			if len(bg) == 0 {
				return c.Run(cmd.Context(), app.handler)
			}
			return chatBeside(cmd.Context(), c, bg, app.handler)
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "", "your language (en, fr); by default carebot follows what you write")
	cmd.Flags().StringVar(&user, "user", "you", "who you are to the bot (a session per user)")
	cmd.Flags().StringVar(&audience, "audience", "", "talk as a customer or as an employee (as on the staff Slack); by default as the config's audiences say (customer)")
	cmd.Flags().Float64Var(&pace, "pace", 1, "pauses between messages: 1 as a person types, 0 none")
	cmd.Flags().Float64Var(&clockSpeed, "clock-speed", 1, "run carebot's clock this many times faster, to see a check-in arrive (3600: a day in 24 seconds)")
	return cmd
}

// chatBeside runs the terminal with background channels (the Slack
// adapter and the desk's loop) and stops them when the terminal ends. A
// background channel that fails (Slack refuses the tokens) ends the chat
// with its error, since the desk the person may be waiting on is gone.
func chatBeside(ctx context.Context, c *console.Adapter, bg []channel, h bot.Handler) error {
	bgCtx, stopBg := context.WithCancel(ctx)
	defer stopBg()
	chatCtx, endChat := context.WithCancel(ctx)
	defer endChat()
	errc := make(chan error, len(bg))
	var wg sync.WaitGroup
	for _, ch := range bg {
		wg.Go(func() {
			if err := ch.adapter.Run(bgCtx, h); err != nil {
				errc <- fmt.Errorf("%s: %w", ch.name, err)
				endChat()
			}
		})
	}
	err := c.Run(chatCtx, h)
	stopBg()
	wg.Wait()
	close(errc)
	for e := range errc {
		err = errors.Join(err, e)
	}
	return err
}

func flowsCmd(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	cmd := &cobra.Command{Use: "flows", Short: "Check, route and evaluate care flows"}
	var configFile string
	validate := &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check flow files (and prompt templates); print every problem as FILE:LINE:COL: message",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config.Load(withConfigFile(getenv, configFile))
			if err != nil {
				return err
			}
			if len(args) == 1 {
				cfg.FlowsDir = args[0]
			}
			set, err := loadFlows(cfg)
			if err != nil {
				printProblems(stderr, err)
				return errReported
			}
			if err := validatePrompts(cfg); err != nil {
				printProblems(stderr, err)
				return errReported
			}
			if err := validateTests(cfg, set); err != nil {
				printProblems(stderr, err)
				return errReported
			}
			if errs := queueProblemsIn(cfg, set); len(errs) > 0 {
				printProblems(stderr, errs)
				return errReported
			}
			fmt.Fprintf(stdout, "%d flows OK (%s)\n", len(set.Flows), strings.Join(set.Common.Languages, ", "))
			if len(cfg.Slack.QueueChannels) == 0 {
				// The queues' channels are the configuration's: without
				// them, a queue's typo is seen only beside the others.
				fmt.Fprintln(stdout, "hand-off queues not checked against the desk: no slack.queue_channels in the configuration (give it with --config or CAREBOT_CONFIG)")
			}
			return nil
		},
	}
	validate.Flags().StringVar(&configFile, "config", "", "the settings file to check the hand-off queues against (default CAREBOT_CONFIG)")
	cmd.AddCommand(validate)
	cmd.AddCommand(flowsTestCmd(stdout, stderr, getenv))
	cmd.AddCommand(flowsGraphCmd(stdout, stderr, getenv))
	cmd.AddCommand(flowsSchemaCmd(stdout))
	cmd.AddCommand(routeCmd(stdin, stdout, getenv))
	cmd.AddCommand(evalCmd(stdout, getenv))
	return cmd
}

// withConfigFile is getenv with CAREBOT_CONFIG set to file, when given.
func withConfigFile(getenv func(string) string, file string) func(string) string {
	if file == "" {
		return getenv
	}
	return func(k string) string {
		if k == "CAREBOT_CONFIG" {
			return file
		}
		return getenv(k)
	}
}

// printProblems prints flow.Errors one per line, anything else as one line.
func printProblems(w io.Writer, err error) {
	var fe flow.Errors
	if errors.As(err, &fe) {
		for _, e := range fe {
			fmt.Fprintln(w, e.Error())
		}
		fmt.Fprintf(w, "%d problem(s) found\n", len(fe))
		return
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(w, line)
	}
}

func routeCmd(stdin io.Reader, stdout io.Writer, getenv func(string) string) *cobra.Command {
	var (
		lang, audience string
		asJSON         bool
	)
	cmd := &cobra.Command{
		Use:   "route",
		Short: "Read one message per line on stdin; print the flow, category, confidence and care signals",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			set, err := configuredFlows(getenv)
			if err != nil {
				return err
			}
			// An engine in memory, for what only it hears: the buttons
			// of a flow's if_said a message names.
			engine, err := bot.New(bot.Config{Flows: set, Store: memstore.New(memstore.Config{})})
			if err != nil {
				return err
			}
			model := engine.Model()
			sc := bufio.NewScanner(stdin)
			sc.Buffer(make([]byte, 64*1024), 1<<20)
			w := bufio.NewWriter(stdout)
			defer w.Flush()
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			for sc.Scan() {
				an := model.AnalyzeFor(audience, lang, bot.Sanitize(sc.Text()))
				if an.Escalate {
					// What carebot does, as make eval counts it: a request
					// for a person opens the human flow whatever the
					// router chose (the person detector is no guess).
					an.Flow, an.Category, an.Confidence, an.Alternative = set.Common.HumanFlow, flow.CategoryEscalateHuman, 1, ""
					if f := set.Flow(set.Common.HumanFlow); f != nil {
						an.Category = f.Category
					}
				}
				category := an.Category
				if an.Flow == "" {
					category = flow.CategoryOutOfScope
				}
				said := engine.SaidButtons(an.Flow, an.Lang, bot.Sanitize(sc.Text()))
				if asJSON {
					if err := enc.Encode(routeLine{
						Flow: an.Flow, Category: category, Confidence: an.Confidence, Alternative: an.Alternative,
						Lang: an.Lang, Distress: an.Signals.Distress, Anger: an.Signals.Anger, Anxiety: an.Signals.Anxiety,
						Lonely: an.Signals.Lonely, Grief: an.Signals.Grief, Crisis: an.Signals.Crisis, CrisisLeaning: an.CrisisLeaning, Vulnerable: an.Signals.Vulnerable, Escalate: an.Escalate, Contact: an.Contact,
						AboutBot: an.AboutBot, Lost: an.Lost, CustomerQuestion: an.CustomerQuestion, Said: said,
					}); err != nil {
						return err
					}
					continue
				}
				fmt.Fprintf(w, "%s\t%s\t%.2f\t%s\n", orDash(an.Flow), category, an.Confidence, signalWords(an, said))
			}
			return sc.Err()
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "", "language hint (en, fr)")
	cmd.Flags().StringVar(&audience, "audience", flow.AudienceCustomer, "who writes: customer or employee (as on Slack)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "one JSON object per line")
	return cmd
}

type routeLine struct {
	Flow        string  `json:"flow"`
	Category    string  `json:"category"`
	Confidence  float64 `json:"confidence"`
	Alternative string  `json:"alternative,omitempty"`
	Lang        string  `json:"lang,omitempty"`
	Distress    bool    `json:"distress"`
	Anger       bool    `json:"anger"`
	Anxiety     bool    `json:"anxiety"`
	Lonely      bool    `json:"lonely"`
	Grief       bool    `json:"grief,omitempty"`
	Crisis      bool    `json:"crisis"`
	// CrisisLeaning: no crisis alone, one after sorrow earlier in the
	// conversation (nlu.Analysis.CrisisLeaning, bot.Signals.Sorrow).
	CrisisLeaning bool     `json:"crisis_leaning,omitempty"`
	Vulnerable    []string `json:"vulnerable,omitempty"`
	Escalate      bool     `json:"escalate"`
	Contact       bool     `json:"contact,omitempty"`   // asks how to reach the team (nlu.Analysis.Contact)
	AboutBot      bool     `json:"about_bot,omitempty"` // asks whether it talks to a bot (nlu.Analysis.AboutBot)
	Lost          bool     `json:"lost,omitempty"`      // does not follow what carebot said (nlu.Analysis.Lost)
	// CustomerQuestion: a colleague asks a customer's question
	// (nlu.Analysis.CustomerQuestion), told where it goes.
	CustomerQuestion bool `json:"customer_question,omitempty"`
	// Said are the buttons of the routed flow's if_said conditions the
	// message names (bot.Engine.SaidButtons).
	Said []string `json:"said,omitempty"`
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// signalWords lists an analysis's care signals for the text output of route.
func signalWords(an nlu.Analysis, said []string) string {
	var ws []string
	add := func(on bool, w string) {
		if on {
			ws = append(ws, w)
		}
	}
	add(an.Escalate, "escalate")
	add(an.Contact, "contact")
	add(an.AboutBot, "about_bot")
	add(an.Lost, "lost")
	add(an.CustomerQuestion, "customer_question")
	add(an.Signals.Crisis, "crisis")
	add(an.Signals.Distress, "distress")
	add(an.Signals.Anger, "anger")
	add(an.Signals.Anxiety, "anxiety")
	add(an.Signals.Lonely, "lonely")
	add(an.Signals.Grief, "grief")
	ws = append(ws, an.Signals.Vulnerable...)
	for _, id := range said {
		ws = append(ws, "said:"+id)
	}
	if len(ws) == 0 {
		return "-"
	}
	return strings.Join(ws, ",")
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// configuredFlows loads the flows the configuration names (built-in by default).
func configuredFlows(getenv func(string) string) (*flow.Set, error) {
	cfg, err := config.Load(getenv)
	if err != nil {
		return nil, err
	}
	return loadFlows(cfg)
}

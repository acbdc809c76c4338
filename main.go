// Command carebot is an empathetic customer-care chatbot: scripted care
// flows, sessions in Redis, Telegram and Slack channels, and an optional LLM
// that rephrases replies without changing the facts.
//
//	carebot chat                 talk to the bot in this terminal
//	carebot serve                run the channels and /healthz, /readyz, /metrics
//	carebot flows validate [DIR] check flow files; problems as FILE:LINE:COL
//	carebot flows test [DIR]     play the conversation tests next to the flows
//	carebot flows graph [FLOW…]  draw flows (Mermaid, DOT, SVG)
//	carebot flows schema [DIR]   write the JSON Schemas of the YAML files
//	carebot flows route          route messages read on stdin
//	carebot studio [DIR]         the flow studio in a browser (127.0.0.1:8081)
//	carebot version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	// SIGHUP harmless to serve from the program's first millisecond.
	_ "github.com/carebot/carebot/internal/hangup"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "carebot:", err)
		}
		os.Exit(1)
	}
}

// errReported means the problem was already printed for the user (flow
// validation lists every problem itself): exit 1 without repeating it.
var errReported = errors.New("reported")

// run is the whole program, with its inputs passed in so tests can drive it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	root := newRoot(ctx, stdin, stdout, stderr, getenv)
	root.SetArgs(args)
	return root.ExecuteContext(ctx)
}

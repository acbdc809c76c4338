// Package hangup makes SIGHUP harmless to `carebot serve` from the moment
// the program starts, long before serve catches it to reload its flows.
//
// Go's default for SIGHUP ends the process at once, with no log. serve
// catches it (signal.Notify) from the moment it watches its flows folder,
// but a process spends tens of milliseconds before that: the runtime and
// the packages' initialisation (about 30 ms, most of it the graph
// renderer's WebAssembly), reading the configuration (which may wait on a
// slow disk or a secret mount). An operator's `kill -HUP` sent to every
// replica, one of which is just starting, killed that one.
//
// Its init ignores SIGHUP when the command is serve. It imports only the
// standard library, so Go initialises it among the first packages (see
// TestHangupIgnoredEarly). A SIGHUP ignored then loses nothing: serve
// loads the flows after it starts catching SIGHUP, so the load reads
// every edit the signal was about. When serve stops catching it
// (signal.Stop), Go goes back to ignoring it, to the process's last
// instant. Other commands (chat, studio, …) keep Go's default: closing
// the terminal ends them.
package hangup

import (
	"os"
	"os/signal"
	"syscall"
)

func init() {
	if serving(os.Args) {
		signal.Ignore(syscall.SIGHUP)
	}
}

// serving reports whether args (os.Args) run `carebot serve`: the
// program, then the command. The root command takes no flags of its own
// before it, and cobra does not match prefixes.
func serving(args []string) bool {
	return len(args) > 1 && args[1] == "serve"
}

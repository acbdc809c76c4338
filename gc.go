package main

import "runtime/debug"

// defaultGCPercent is the collector's pacing (GOGC) of a carebot that
// serves, when the environment sets none: the heap may grow to five times
// what is live before a collection, against twice with Go's 100.
//
// At 10,000 turns/s a turn allocates about 4.4 KB: with Go's default the
// process collected about once a second, each collection's mark phase
// taking 15–20 ms of CPU from the turns under way, half of it in assists
// charged to them; at 400 it collects every 4–5 s, and so fewer turns
// wait behind one (issue 13's p99). The cost is memory: a replica's heap
// settles near five times its live heap (50–60 MB, most of it the
// language model) instead of twice: at 10,000 turns/s, 232–242 MB
// resident against 165–183 MB after 3 s, 404 MB against 227 MB after 10 s
// (README, "Tail latency at high load"). An operator's GOGC wins, and
// GOMEMLIMIT bounds the heap as usual.
const defaultGCPercent = 400

// collectorDefaults sets carebot's collector pacing unless the operator
// set GOGC. serve and bench both call it, so the bench measures what a
// deployment runs.
func collectorDefaults(getenv func(string) string) {
	if getenv("GOGC") != "" {
		return // the runtime read it at start
	}
	debug.SetGCPercent(defaultGCPercent)
}

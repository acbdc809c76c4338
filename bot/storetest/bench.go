package storetest

import (
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// RunBenchmarks benchmarks Update with a realistic turn (see Turn):
// serially on rotating addresses, in parallel across many addresses, and in
// parallel on one address (contention). commands, if not nil, returns how
// many commands the store's backend has served so far; each benchmark then
// reports cmds/op.
func RunBenchmarks(b *testing.B, s Store, commands func(b *testing.B) int64) {
	const addresses = 1000
	at := time.Date(2025, 11, 22, 17, 42, 0, 0, time.UTC)
	turn := func(sess *bot.Session) error { Turn(sess, at); return nil }
	measure := func(b *testing.B, run func()) {
		b.Helper()
		var c0 int64
		if commands != nil {
			c0 = commands(b)
		}
		b.ReportAllocs()
		b.ResetTimer()
		run()
		b.StopTimer()
		if commands != nil {
			b.ReportMetric(float64(commands(b)-c0)/float64(b.N), "cmds/op")
		}
	}
	b.Run("serial", func(b *testing.B) {
		as := benchAddresses(b, addresses)
		measure(b, func() {
			for i := 0; i < b.N; i++ {
				Must(b, s.Update(b.Context(), as[i%len(as)], turn))
			}
		})
	})
	b.Run("parallel_many", func(b *testing.B) {
		as := benchAddresses(b, addresses)
		var worker atomic.Int64
		measure(b, func() {
			b.RunParallel(func(pb *testing.PB) {
				// Each worker owns a slice of addresses, as adapters serialise
				// each chat.
				w := int(worker.Add(1))
				for i := w * 7919; pb.Next(); i++ {
					if err := s.Update(b.Context(), as[i%len(as)], turn); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	})
	b.Run("parallel_one", func(b *testing.B) {
		a := benchAddresses(b, 1)[0]
		measure(b, func() {
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := s.Update(b.Context(), a, turn); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	})
}

func benchAddresses(b *testing.B, n int) []bot.Address {
	as := make([]bot.Address, n)
	for i := range as {
		as[i] = bot.Address{Platform: "bench", Chat: b.Name(), User: strconv.Itoa(i)}
	}
	return as
}

// Fixed strings keep Turn's own allocations out of the store's figures.
var (
	steps  = []string{"ask_order", "confirm", "refund", "satisfaction", "done"}
	msgIDs = []string{"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13"}
)

// HistoryCap is how many turns Turn keeps, as the engine caps Recent.
const HistoryCap = 10

// Turn changes sess the way one engine turn does: a person's words and the
// bot's answer appended to a capped history, the step moved on, the message
// ID remembered. Benchmarks and size tests use it as a realistic fn.
func Turn(sess *bot.Session, at time.Time) {
	if sess.Created.IsZero() {
		sess.Created = at
		sess.Lang = "en"
	}
	sess.Flow = "refund"
	sess.Ask++
	sess.Step = steps[sess.Ask%len(steps)]
	sess.Recent = appendCapped(sess.Recent, HistoryCap,
		bot.Turn{From: bot.SpeakerPerson, Text: "I was charged twice for my order", At: at},
		bot.Turn{From: bot.SpeakerBot, Text: "I'm sorry about that. Which order is it?", At: at},
	)
	sess.Seen = appendCapped(sess.Seen, HistoryCap, msgIDs[sess.Ask%len(msgIDs)])
	sess.Updated = at
}

// appendCapped appends to a copy-free tail, keeping the last max elements.
func appendCapped[T any](s []T, max int, add ...T) []T {
	s = append(s, add...)
	if over := len(s) - max; over > 0 {
		s = append(s[:0], s[over:]...)
	}
	return s
}

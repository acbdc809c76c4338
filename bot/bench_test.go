package bot_test

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// benchStep is one turn of benchConversation: text to write, or the
// button (1 for the first) of the latest reply to press.
type benchStep struct {
	text  string
	press int
}

// benchConversation is the built-in order-problem flow from the greeting
// to the thanks for a score, as `carebot bench` plays it by default: free
// text (routing, an order number) and buttons.
var benchConversation = []benchStep{
	{text: "/start"},
	{text: "my parcel hasn't arrived"},
	{text: "AB-123456"},
	{press: 2}, // it arrived damaged
	{press: 2}, // not now: the flow ends and asks for a score
	{press: 5},
}

// benchEnd is what the conversation's last reply says.
const benchEnd = "Thank you for telling us"

// Message IDs need only be unique within a conversation: each has its own address.
var benchIDs = func() []string {
	ids := make([]string, len(benchConversation))
	for i := range ids {
		ids[i] = "m" + strconv.Itoa(i)
	}
	return ids
}()

func benchEngine(b *testing.B) *bot.Engine {
	b.Helper()
	e, err := bot.New(bot.Config{
		Flows:      bottest.MustFlows(b),
		Store:      memstore.New(memstore.Config{}),
		Vars:       map[string]map[string]string{"en": {"emergency_number": "112"}},
		History:    10,
		FloodLimit: math.MaxInt32,   // one person writing this fast is a flood otherwise
		Desk:       &bottest.Desk{}, // a team is there, as in production
	})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// benchPerson plays benchConversation over and over, one turn per call,
// each conversation on a new address.
type benchPerson struct {
	h    bot.Handler
	name string
	conv int
	step int
	from bot.Address
	last []bot.Choice
}

func (p *benchPerson) turn(ctx context.Context) error {
	if p.step == 0 {
		p.from = bot.Address{Platform: "bench", Chat: p.name, User: strconv.Itoa(p.conv)}
	}
	st := benchConversation[p.step]
	m := bot.Message{ID: benchIDs[p.step], From: p.from, Text: st.text}
	if st.press > 0 {
		if st.press > len(p.last) {
			return fmt.Errorf("turn %d: no button %d in the latest reply", p.step, st.press)
		}
		m.Text, m.Choice = "", p.last[st.press-1].ID
	}
	replies, err := p.h.HandleMessage(ctx, m)
	if err != nil {
		return fmt.Errorf("turn %d: %w", p.step, err)
	}
	if len(replies) > 0 {
		p.last = nil
	}
	for _, r := range replies {
		if len(r.Choices) > 0 {
			p.last = r.Choices
		}
	}
	p.step++
	if p.step == len(benchConversation) {
		// A benchmark of a conversation gone astray measures the wrong thing.
		if len(replies) == 0 || !strings.Contains(replies[len(replies)-1].Text, benchEnd) {
			return fmt.Errorf("conversation ended with %+v, want %q", replies, benchEnd)
		}
		p.step, p.last = 0, nil
		p.conv++
	}
	return nil
}

// BenchmarkHandleMessage measures one whole turn (flood gate, understanding,
// the store's Update with the flow step, no rephraser) on memstore, over
// the default bench conversation: serially, and in parallel over many
// conversations as a busy deployment runs them.
func BenchmarkHandleMessage(b *testing.B) {
	b.Run("serial", func(b *testing.B) {
		p := &benchPerson{h: benchEngine(b), name: "serial"}
		b.ReportAllocs()
		for b.Loop() {
			if err := p.turn(b.Context()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		e := benchEngine(b)
		var worker atomic.Int64
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			// Each goroutine is one person at a time, as an adapter
			// serialises each chat; its conversations move to new
			// addresses, so the store holds many sessions.
			p := &benchPerson{h: e, name: "p" + strconv.FormatInt(worker.Add(1), 10)}
			for pb.Next() {
				if err := p.turn(b.Context()); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkAnalyze measures the understanding of one free-text message, the
// largest part of a turn that is not a button press.
func BenchmarkAnalyze(b *testing.B) {
	model := benchEngine(b).Model()
	for _, text := range []string{
		"my parcel hasn't arrived",
		"AB-123456",
		"I was charged twice and I'm really worried, I can't afford this",
	} {
		b.Run(strings.Fields(text)[0]+"_"+strconv.Itoa(len(text)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				model.Analyze("", text)
			}
		})
	}
}

// TestBenchConversation keeps the benchmarks honest: their conversation
// must run to its end on the built-in flows, twice on one engine.
func TestBenchConversation(t *testing.T) {
	t.Parallel()
	e, err := bot.New(bot.Config{Flows: bottest.MustFlows(t), Store: memstore.New(memstore.Config{}), FloodLimit: math.MaxInt32, Desk: &bottest.Desk{}})
	if err != nil {
		t.Fatal(err)
	}
	p := &benchPerson{h: e, name: "test"}
	for range 2 * len(benchConversation) {
		if err := p.turn(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if p.conv != 2 {
		t.Errorf("finished %d conversations, want 2", p.conv)
	}
}

// benchMessages plays benchConversation once and returns its messages with
// the buttons resolved: the engine is deterministic, so every conversation
// can send the same ones without reading its replies.
func benchMessages(b *testing.B) []bot.Message {
	b.Helper()
	var ms []bot.Message
	rec := &recordingHandler{h: benchEngine(b), sent: &ms}
	p := &benchPerson{h: rec, name: "rehearsal"}
	for range benchConversation {
		if err := p.turn(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
	return ms
}

type recordingHandler struct {
	h    bot.Handler
	sent *[]bot.Message
}

func (r *recordingHandler) HandleMessage(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
	*r.sent = append(*r.sent, m)
	return r.h.HandleMessage(ctx, m)
}

// instantOutlet accepts every reply at once.
type instantOutlet struct{ n atomic.Int64 }

func (o *instantOutlet) Deliver(_ context.Context, _ bot.Address, _ bot.Reply, keyboard string) (string, error) {
	o.n.Add(1)
	return keyboard, nil
}

// BenchmarkHandleMessageDelivery measures a turn whose replies go through
// the outbox (queued with the turn, sent by the deliverer to an outlet that
// accepts at once, marked delivered), with the person writing again at
// once, before the delivery's mark: on memory and on a real redis-server,
// where it reports round trips per turn, delivery included.
func BenchmarkHandleMessageDelivery(b *testing.B) {
	msgs := benchMessages(b)
	for _, name := range []string{"memory", "redis"} {
		b.Run(name, func(b *testing.B) {
			var (
				store bot.Store
				sent  func() int64
			)
			if name == "memory" {
				store = memstore.New(memstore.Config{})
			} else {
				rs, err := redisstore.New(redisstore.Config{URL: redistest.Start(b), TTL: time.Hour})
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { rs.Close() })
				store, sent = rs, rs.CommandsSent
			}
			out := &instantOutlet{}
			d, err := bot.NewDeliverer(bot.DelivererConfig{Store: store, Outlet: out, Owner: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			e, err := bot.New(bot.Config{
				Flows: bottest.MustFlows(b), Store: store, History: 10, FloodLimit: math.MaxInt32,
				Vars: map[string]map[string]string{"en": {"emergency_number": "112"}},
				Desk: &bottest.Desk{}, Deliverer: d,
			})
			if err != nil {
				b.Fatal(err)
			}
			_ = store.Ping(b.Context())
			var sent0 int64
			if sent != nil {
				sent0 = sent()
			}
			b.ReportAllocs()
			turns := 0
			for b.Loop() {
				m := msgs[turns%len(msgs)]
				m.From = bot.Address{Platform: "bench", Chat: "c", User: strconv.Itoa(turns / len(msgs))}
				m.At = time.Now()
				if _, err := e.HandleMessage(b.Context(), m); err != nil {
					b.Fatal(err)
				}
				turns++
			}
			d.Wait()
			if out.n.Load() == 0 {
				b.Fatal("nothing delivered")
			}
			if sent != nil {
				b.ReportMetric(float64(sent()-sent0)/float64(turns), "roundtrips/turn")
			}
		})
	}
}

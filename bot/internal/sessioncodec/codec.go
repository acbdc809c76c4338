// Package sessioncodec is the compact binary encoding of a bot.Session that
// both stores keep: memstore as its in-memory copy, redisstore as the value
// it saves. It is several times cheaper than JSON to encode and decode, and
// smaller.
//
// Layout: varints, and strings as a length and bytes, field by field in
// bot.Session order. TestCoversEveryField fails if a field of bot.Session
// (or of a type it holds) is missing here. The layout is stored by
// redisstore, so it may only change in ways Decode can still read, or with a
// new format marker there: a new field is added as a tagged value at the end
// (see tagFlowsVersion).
package sessioncodec

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"
	"unsafe"

	"github.com/carebot/carebot/bot"
)

// Flag bits of the flags byte.
const (
	flagLangChosen = 1 << iota
	flagAcked
	flagHandoff
	// The bits from flagAcks up hold bot.Session.Acks (five feelings,
	// which fill the byte: a sixth needs a field of its own, and
	// TestEveryAckKept fails until it has one): a decoder from before
	// them reads the flags it knows and drops them.
	flagAcks = 3
)

// Signal bits.
const (
	sigDistress = 1 << iota
	sigAnger
	sigAnxiety
	// sigLonely: a decoder older than it reads the signals it knows and
	// drops it.
	sigLonely
	// sigGrief: likewise.
	sigGrief
	// sigSorrow: likewise (review19b). A session saved before it reads
	// without sorrow: a lean after its distress waits for sorrow said
	// again.
	sigSorrow
)

// Time kinds. A time keeps its instant and its zone's offset, as a JSON round
// trip does; the monotonic reading is dropped.
const (
	timeZero  = iota // time.Time{}
	timeUTC          // in time.UTC
	timeLocal        // in time.Local
	timeFixed        // any other zone, kept as name and offset
)

// ErrCorrupt is returned by Decode for data Encode did not write.
var ErrCorrupt = errors.New("corrupt session encoding")

// Encode appends the encoding of s to b.
func Encode(b []byte, s *bot.Session) []byte {
	b = binary.AppendVarint(b, s.Version)
	b = appendString(b, s.Lang)
	var flags byte
	if s.LangChosen {
		flags |= flagLangChosen
	}
	if s.Acked {
		flags |= flagAcked
	}
	if s.Handoff != nil {
		flags |= flagHandoff
	}
	flags |= byte(s.Acks) << flagAcks
	b = append(b, flags)
	b = appendString(b, s.Flow)
	b = appendString(b, s.Step)
	b = binary.AppendUvarint(b, uint64(len(s.Stack)))
	for _, f := range s.Stack {
		b = appendString(b, f.Flow)
		b = appendString(b, f.Step)
	}
	b = appendString(b, string(s.Pending))
	b = appendStrings(b, s.Options)
	b = appendMap(b, s.Slots)
	b = binary.AppendVarint(b, int64(s.Attempts))
	b = binary.AppendVarint(b, int64(s.Misses))
	b = binary.AppendVarint(b, int64(s.Ask))
	b = appendSignals(b, &s.Signals)
	if h := s.Handoff; h != nil {
		b = appendString(b, h.ID)
		b = appendString(b, h.Queue)
		b = binary.AppendVarint(b, int64(h.Priority))
		b = appendString(b, h.Reason)
		b = appendString(b, string(h.Status))
		b = appendString(b, h.Agent)
		b = appendTime(b, h.Opened)
		b = appendString(b, h.Flow)
		b = appendString(b, h.Step)
		b = appendString(b, h.Lang)
		b = appendMap(b, h.Slots)
		b = appendSignals(b, &h.Signals)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Recent)))
	for _, t := range s.Recent {
		b = appendString(b, string(t.From))
		b = appendString(b, t.Text)
		b = appendTime(b, t.At)
	}
	b = appendStrings(b, s.Seen)
	b = appendTime(b, s.Created)
	b = appendTime(b, s.Updated)
	// Fields added later follow as tagged values, so that sessions stored
	// before them still decode (with the field empty) and a decoder skips
	// the tags it does not know.
	if s.FlowsVersion != "" {
		b = binary.AppendUvarint(b, tagFlowsVersion)
		b = appendString(b, s.FlowsVersion)
	}
	if len(s.Outbox) > 0 || s.OutSeq != 0 {
		b = appendTagged(b, tagOutbox, func(b []byte) []byte {
			b = binary.AppendVarint(b, s.OutSeq)
			b = binary.AppendUvarint(b, uint64(len(s.Outbox)))
			for _, o := range s.Outbox {
				b = binary.AppendVarint(b, o.Seq)
				b = appendString(b, o.Text)
				b = binary.AppendUvarint(b, uint64(len(o.Choices)))
				for _, c := range o.Choices {
					b = appendString(b, c.ID)
					b = appendString(b, c.Label)
				}
				b = binary.AppendVarint(b, int64(o.Pause))
				b = appendTime(b, o.At)
			}
			return b
		})
	}
	if meta := outboxMeta(s.Outbox); meta != nil {
		// Rare (a hand-off's reply, a desk relay) and small: JSON, after
		// the outbox it completes.
		js, _ := json.Marshal(meta)
		b = binary.AppendUvarint(b, tagOutboxMeta)
		b = appendString(b, string(js))
	}
	if s.Lease != (bot.Lease{}) {
		b = appendTagged(b, tagLease, func(b []byte) []byte {
			b = appendString(b, s.Lease.Owner)
			return appendTime(b, s.Lease.Until)
		})
	}
	if s.Keyboard != "" || s.Blocked {
		b = appendTagged(b, tagPlatform, func(b []byte) []byte {
			b = appendString(b, s.Keyboard)
			if s.Blocked {
				return append(b, 1)
			}
			return append(b, 0)
		})
	}
	if s.FollowUp != nil {
		// Rare and small: JSON keeps it simple.
		js, _ := json.Marshal(s.FollowUp)
		b = binary.AppendUvarint(b, tagFollowUp)
		b = appendString(b, string(js))
	}
	if s.LastFlow != "" {
		b = binary.AppendUvarint(b, tagLastFlow)
		b = appendString(b, s.LastFlow)
	}
	if s.Watch != (bot.Watch{}) {
		b = appendTagged(b, tagWatch, func(b []byte) []byte {
			b = appendString(b, s.Watch.Kind)
			b = appendString(b, s.Watch.Flow)
			b = appendTime(b, s.Watch.Since)
			if s.Watch.Counted {
				return append(b, 1)
			}
			return append(b, 0)
		})
	}
	if s.Forgotten {
		b = binary.AppendUvarint(b, tagForgotten)
		b = appendString(b, "")
	}
	if s.ForgetMark != 0 {
		b = appendTagged(b, tagForgetMark, func(b []byte) []byte { return binary.AppendVarint(b, s.ForgetMark) })
	}
	if s.Before != 0 {
		b = appendTagged(b, tagBefore, func(b []byte) []byte { return binary.AppendVarint(b, int64(s.Before)) })
	}
	if s.Recalled != "" {
		b = binary.AppendUvarint(b, tagRecalled)
		b = appendString(b, s.Recalled)
	}
	if s.LastBefore != 0 {
		b = appendTagged(b, tagLastBefore, func(b []byte) []byte { return binary.AppendVarint(b, int64(s.LastBefore)) })
	}
	if s.Also != "" {
		b = binary.AppendUvarint(b, tagAlso)
		b = appendString(b, s.Also)
	}
	if s.LastNoted {
		b = binary.AppendUvarint(b, tagLastNoted)
		b = appendString(b, "")
	}
	if s.Handoff != nil && s.Handoff.Overdue {
		b = binary.AppendUvarint(b, tagHandoffOverdue)
		b = appendString(b, "")
	}
	return b
}

// appendTagged appends tag and, as one string, what body appends. The
// length goes first, so body is appended after room for the longest length
// it may need and moved back if shorter.
func appendTagged(b []byte, tag uint64, body func([]byte) []byte) []byte {
	b = binary.AppendUvarint(b, tag)
	start := len(b)
	b = append(b, make([]byte, binary.MaxVarintLen64)...)
	b = body(b)
	n := len(b) - start - binary.MaxVarintLen64
	var l [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(l[:], uint64(n))
	copy(b[start:], l[:k])
	copy(b[start+k:], b[start+binary.MaxVarintLen64:])
	return b[:start+k+n]
}

// Tags of the fields after Updated. Each tag is followed by one string
// (length and bytes); an unknown tag's string is skipped.
const (
	tagFlowsVersion = 1
	tagOutbox       = 2 // OutSeq, then the Outbound entries
	tagLease        = 3
	tagPlatform     = 4 // Keyboard, Blocked
	// Numbered apart from the others' so that branches adding tags meanwhile do not collide.
	tagFollowUp = 20 // bot.FollowUpState as JSON
	tagLastFlow = 21
	tagWatch    = 30 // bot.Watch: Kind, Flow, Since, Counted
	// tagOutboxMeta holds the outbox entries' To and Handoff, by Seq, as
	// JSON (outboxMeta); it follows tagOutbox.
	// A decoder older than it skips it and its encoder drops it, so a
	// desk relay saved by an older replica becomes a reply to the person:
	// upgrades across it stop every replica (README, "Running several
	// replicas").
	tagOutboxMeta = 40
	// tagForgotten marks a tombstone (bot.Session.Forgotten), with an
	// empty string. A decoder older than it reads the tombstone as an
	// ordinary conversation with nothing personal in it.
	tagForgotten = 50
	// tagForgetMark holds bot.Session.ForgetMark, a varint, written only
	// when set. A decoder older than it skips it and its encoder drops it:
	// an older replica forgets the mark, as before it existed.
	tagForgetMark = 51
	// tagBefore and tagRecalled hold what answers questions from earlier
	// messages needs (bot.Session.Before, Recalled); only conversations
	// where a matter ended, or a question was so answered, have them. A
	// decoder older than them drops them: the old matter's messages may
	// then answer a question of the next, as they did before.
	tagBefore   = 60
	tagRecalled = 61
	// tagLastBefore holds bot.Session.LastBefore, likewise: a decoder older
	// than it drops it, and one who comes back with the reference a flow
	// asked for has that flow's questions asked again, as before.
	tagLastBefore = 62
	// tagAlso holds bot.Session.Also. A decoder older than it drops it: the
	// second need of a message waits no more, as before (play20c).
	tagAlso = 70
	// tagLastNoted marks bot.Session.LastNoted, with an empty string. A
	// decoder older than it drops it: a question about the matter just
	// noted starts its flow again, as before (play21c).
	tagLastNoted = 75
	// tagHandoffOverdue marks bot.Handoff.Overdue, with an empty string,
	// written only with a hand-off. A decoder older than it drops it: what
	// a person in crisis writes after the desk's wait ended hears
	// crisis_waiting again, as before (review22).
	tagHandoffOverdue = 76
)

// outMeta is what an Outbound carries besides its text, for the few that do.
type outMeta struct {
	Seq     int64        `json:"n"`
	To      bot.Dest     `json:"to,omitempty"`
	Handoff *bot.Handoff `json:"h,omitempty"`
}

// outboxMeta returns the entries of out with a destination or a hand-off,
// nil if none has.
func outboxMeta(out []bot.Outbound) []outMeta {
	var meta []outMeta
	for _, o := range out {
		if o.To != bot.ToPerson || o.Handoff != nil {
			meta = append(meta, outMeta{Seq: o.Seq, To: o.To, Handoff: o.Handoff})
		}
	}
	return meta
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendMap(b []byte, m map[string]string) []byte {
	b = binary.AppendUvarint(b, uint64(len(m)))
	for k, v := range m {
		b = appendString(b, k)
		b = appendString(b, v)
	}
	return b
}

func appendSignals(b []byte, s *bot.Signals) []byte {
	var bits byte
	if s.Distress {
		bits |= sigDistress
	}
	if s.Anger {
		bits |= sigAnger
	}
	if s.Anxiety {
		bits |= sigAnxiety
	}
	if s.Lonely {
		bits |= sigLonely
	}
	if s.Grief {
		bits |= sigGrief
	}
	if s.Sorrow {
		bits |= sigSorrow
	}
	b = append(b, bits)
	return appendStrings(b, s.Vulnerable)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

func appendTime(b []byte, t time.Time) []byte {
	switch {
	case t.IsZero():
		return append(b, timeZero)
	case t.Location() == time.UTC:
		b = append(b, timeUTC)
	case t.Location() == time.Local:
		b = append(b, timeLocal)
	default:
		name, off := t.Zone()
		b = append(b, timeFixed)
		b = appendString(b, name)
		b = binary.AppendVarint(b, int64(off))
	}
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

// decoder reads an encoding. Strings it returns alias data, which must
// never change afterwards.
type decoder struct {
	data []byte
	err  error
	// spare is what DecodeReusing may reuse; empty for Decode.
	spare spare
}

func (d *decoder) sp() *spare { return &d.spare }

// reuse returns a slice of n elements with room for extra more: old's
// array if it has the room, else a new one. The elements' contents are
// the old ones: the caller sets every one.
func reuse[T any](old []T, n, extra int) []T {
	if cap(old) >= n+extra {
		return old[:n]
	}
	return make([]T, n, n+extra)
}

// Decode fills s from data, with extra spare capacity in Recent and Seen
// (a turn appends to its capped histories without reallocating then).
// Strings in s alias data, which must therefore never change afterwards:
// decoding is then a copy of the structure only, not of every string.
func Decode(data []byte, s *bot.Session, extra int) error {
	d := decoder{data: data}
	return d.session(s, extra)
}

// DecodeReusing is Decode into a session decoded before, whose slices and
// map it reuses (their capacity, not their contents) rather than
// allocating new ones: for a caller that decodes, changes and encodes
// many sessions and keeps none of them, nor anything they refer to. Every
// field of s is set, as if s were zero first. Strings in s alias data, as
// with Decode, and the slices' old contents are overwritten: nothing
// taken from s before may be used after.
func DecodeReusing(data []byte, s *bot.Session, extra int) error {
	d := decoder{data: data}
	d.spare = spare{stack: s.Stack, options: s.Options, slots: s.Slots, vuln: s.Signals.Vulnerable,
		recent: s.Recent, seen: s.Seen, outbox: s.Outbox}
	clear(d.spare.slots)
	*s = bot.Session{}
	return d.session(s, extra)
}

// spare is the capacity a decoded session leaves for DecodeReusing.
type spare struct {
	stack   []bot.Frame
	options []string
	slots   map[string]string
	vuln    []string
	recent  []bot.Turn
	seen    []string
	outbox  []bot.Outbound
}

// session decodes d into s, which is zero.
func (d *decoder) session(s *bot.Session, extra int) error {
	s.Version = d.varint()
	s.Lang = d.string()
	flags := d.byte()
	s.LangChosen = flags&flagLangChosen != 0
	s.Acked = flags&flagAcked != 0
	s.Acks = bot.Acks(flags >> flagAcks)
	s.Flow = d.string()
	s.Step = d.string()
	if n := d.len(2); n > 0 {
		s.Stack = reuse(d.sp().stack, n, 0)
		for i := range s.Stack {
			s.Stack[i] = bot.Frame{Flow: d.string(), Step: d.string()}
		}
	}
	s.Pending = bot.Pending(d.string())
	s.Options = d.strings(d.sp().options, 0)
	s.Slots = d.stringMap(d.sp().slots)
	s.Attempts = int(d.varint())
	s.Misses = int(d.varint())
	s.Ask = int(d.varint())
	s.Signals = d.signals(d.sp().vuln)
	if flags&flagHandoff != 0 {
		s.Handoff = &bot.Handoff{
			ID:       d.string(),
			Queue:    d.string(),
			Priority: bot.Priority(d.varint()),
			Reason:   d.string(),
			Status:   bot.HandoffStatus(d.string()),
			Agent:    d.string(),
			Opened:   d.time(),
			Flow:     d.string(),
			Step:     d.string(),
			Lang:     d.string(),
			Slots:    d.stringMap(nil),
			Signals:  d.signals(nil),
		}
	}
	if n := d.len(3); n > 0 {
		s.Recent = reuse(d.sp().recent, n, extra)
		for i := range s.Recent {
			s.Recent[i] = bot.Turn{From: bot.Speaker(d.string()), Text: d.string(), At: d.time()}
		}
	}
	s.Seen = d.strings(d.sp().seen, extra)
	s.Created = d.time()
	s.Updated = d.time()
	s.FlowsVersion = ""
	s.FollowUp, s.LastFlow = nil, ""
	s.Watch = bot.Watch{}
	s.Forgotten, s.ForgetMark = false, 0
	s.Before, s.Recalled = 0, ""
	s.LastNoted = false
	for d.err == nil && len(d.data) != 0 {
		tag := d.uvarint()
		v := d.string()
		if d.err != nil {
			break
		}
		sub := decoder{data: unsafe.Slice(unsafe.StringData(v), len(v))}
		switch tag {
		case tagFlowsVersion:
			s.FlowsVersion = v
		case tagOutbox:
			s.OutSeq = sub.varint()
			if n := sub.len(4); n > 0 {
				s.Outbox = reuse(d.sp().outbox, n, 0)
				for i := range s.Outbox {
					o := &s.Outbox[i]
					choices := o.Choices // reused, as the entry is
					*o = bot.Outbound{}
					o.Seq = sub.varint()
					o.Text = sub.string()
					if k := sub.len(2); k > 0 {
						o.Choices = reuse(choices, k, 0)
						for j := range o.Choices {
							o.Choices[j] = bot.Choice{ID: sub.string(), Label: sub.string()}
						}
					}
					o.Pause = time.Duration(sub.varint())
					o.At = sub.time()
				}
			}
		case tagLease:
			s.Lease = bot.Lease{Owner: sub.string(), Until: sub.time()}
		case tagPlatform:
			s.Keyboard = sub.string()
			s.Blocked = sub.byte() == 1
		case tagFollowUp:
			var fu bot.FollowUpState
			if err := json.Unmarshal([]byte(v), &fu); err != nil {
				d.fail()
				break
			}
			s.FollowUp = &fu
		case tagLastFlow:
			s.LastFlow = v
		case tagOutboxMeta:
			var meta []outMeta
			if err := json.Unmarshal([]byte(v), &meta); err != nil {
				d.fail()
				break
			}
			for _, m := range meta {
				for i := range s.Outbox {
					if s.Outbox[i].Seq == m.Seq {
						s.Outbox[i].To, s.Outbox[i].Handoff = m.To, m.Handoff
					}
				}
			}
		case tagWatch:
			s.Watch = bot.Watch{Kind: sub.string(), Flow: sub.string(), Since: sub.time(), Counted: sub.byte() == 1}
		case tagForgotten:
			s.Forgotten = true
		case tagForgetMark:
			s.ForgetMark = sub.varint()
		case tagBefore:
			s.Before = int(sub.varint())
		case tagRecalled:
			s.Recalled = v
		case tagLastBefore:
			s.LastBefore = int(sub.varint())
		case tagAlso:
			s.Also = v
		case tagLastNoted:
			s.LastNoted = true
		case tagHandoffOverdue:
			if s.Handoff != nil {
				s.Handoff.Overdue = true
			}
		}
		if sub.err != nil {
			d.fail()
		}
	}
	return d.err
}

func (d *decoder) fail() {
	d.err = ErrCorrupt
	d.data = nil
}

func (d *decoder) byte() byte {
	if len(d.data) == 0 {
		d.fail()
		return 0
	}
	c := d.data[0]
	d.data = d.data[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.data = d.data[n:]
	return v
}

// len reads a count of items that take at least minSize bytes each, and
// rejects counts the remaining data cannot hold (so corrupt data cannot make
// us allocate a huge slice).
func (d *decoder) len(minSize int) int {
	n := d.uvarint()
	if n > uint64(len(d.data)/minSize) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.data)) {
		d.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.data[0], int(n))
	d.data = d.data[n:]
	return s
}

func (d *decoder) strings(old []string, extra int) []string {
	n := d.len(1)
	if n == 0 {
		return nil
	}
	ss := reuse(old, n, extra)
	for i := range ss {
		ss[i] = d.string()
	}
	return ss
}

func (d *decoder) stringMap(old map[string]string) map[string]string {
	n := d.len(2)
	if n == 0 {
		return nil
	}
	m := old // cleared by DecodeReusing
	if m == nil {
		m = make(map[string]string, n)
	}
	for range n {
		k := d.string()
		m[k] = d.string()
	}
	return m
}

func (d *decoder) signals(old []string) bot.Signals {
	bits := d.byte()
	return bot.Signals{
		Distress:   bits&sigDistress != 0,
		Anger:      bits&sigAnger != 0,
		Anxiety:    bits&sigAnxiety != 0,
		Lonely:     bits&sigLonely != 0,
		Grief:      bits&sigGrief != 0,
		Sorrow:     bits&sigSorrow != 0,
		Vulnerable: d.strings(old, 0),
	}
}

func (d *decoder) time() time.Time {
	var loc *time.Location
	switch d.byte() {
	case timeZero:
		return time.Time{}
	case timeUTC:
		loc = time.UTC
	case timeLocal:
		loc = time.Local
	case timeFixed:
		name := d.string()
		loc = time.FixedZone(name, int(d.varint()))
	default:
		d.fail()
		return time.Time{}
	}
	sec := d.varint()
	nsec := d.uvarint()
	if nsec >= uint64(time.Second) {
		d.fail()
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).In(loc)
}

package sessioncodec_test

import (
	"bytes"
	"encoding/hex"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/internal/sessioncodec"
	"github.com/carebot/carebot/bot/storetest"
)

// TestCoversEveryField fills every field of a session by reflection
// and checks that it survives encoding; then it changes everything reachable
// from the decoded copy and checks that a new decoding is unchanged. A field
// added to bot.Session but not to the codec fails here.
func TestCoversEveryField(t *testing.T) {
	t.Parallel()
	var src bot.Session
	fill(reflect.ValueOf(&src).Elem())
	data := sessioncodec.Encode(nil, &src)
	var got bot.Session
	if err := sessioncodec.Decode(data, &got, 2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(src, got); diff != "" {
		t.Fatalf("session after encode/decode (-want +got):\n%s", diff)
	}
	scramble(reflect.ValueOf(&got).Elem())
	var again bot.Session
	if err := sessioncodec.Decode(data, &again, 0); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(src, again); diff != "" {
		t.Errorf("changing a decoded session changed the stored bytes (-want +got):\n%s", diff)
	}
}

func TestTimes(t *testing.T) {
	t.Parallel()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no tz database: %v", err) // the other zones are still covered below
	}
	base := time.Date(2025, 11, 22, 17, 42, 1, 123456789, time.UTC)
	tests := []struct {
		name string
		in   time.Time
	}{
		{"zero", time.Time{}},
		{"utc", base},
		{"local", base.Local()},
		{"fixed", base.In(time.FixedZone("XYZ", -(3*3600 + 30*60)))},
		{"named_zone", base.In(paris)},
		{"with_monotonic", time.Now()},
		{"year_1", time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)},
		{"year_9999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bot.Session
			if err := sessioncodec.Decode(sessioncodec.Encode(nil, &bot.Session{Created: tt.in}), &got, 0); err != nil {
				t.Fatal(err)
			}
			if !got.Created.Equal(tt.in) || got.Created.IsZero() != tt.in.IsZero() {
				t.Errorf("got %v, want %v", got.Created, tt.in)
			}
			gn, go_ := got.Created.Zone()
			wn, wo := tt.in.Zone()
			if gn != wn || go_ != wo {
				t.Errorf("zone = %s %d, want %s %d", gn, go_, wn, wo)
			}
			if tt.in.IsZero() && got.Created != (time.Time{}) {
				t.Errorf("zero time decoded as %#v", got.Created)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	full := storetest.Full()
	f.Add(sessioncodec.Encode(nil, &full))
	f.Add(sessioncodec.Encode(nil, &bot.Session{}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var s bot.Session
		if err := sessioncodec.Decode(data, &s, 2); err != nil {
			return
		}
		// What decodes must encode back to the same session.
		var again bot.Session
		if err := sessioncodec.Decode(sessioncodec.Encode(nil, &s), &again, 0); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if diff := cmp.Diff(s, again); diff != "" {
			t.Errorf("(-first +second):\n%s", diff)
		}
		// Decoding over a session decoded before reads the same.
		reused := storetest.Full()
		if err := sessioncodec.DecodeReusing(sessioncodec.Encode(nil, &reused), &reused, 2); err != nil {
			t.Fatal(err)
		}
		if err := sessioncodec.DecodeReusing(data, &reused, 2); err != nil {
			t.Fatalf("DecodeReusing failed where Decode did not: %v", err)
		}
		if diff := cmp.Diff(s, reused); diff != "" {
			t.Errorf("DecodeReusing (-Decode +DecodeReusing):\n%s", diff)
		}
	})
}

// TestDecodeReusing decodes sessions one over the other: each reads as
// Decode reads it, whatever was there before.
func TestDecodeReusing(t *testing.T) {
	t.Parallel()
	full := storetest.Full()
	var filled bot.Session
	fill(reflect.ValueOf(&filled).Elem())
	small := bot.Session{Version: 3, Lang: "fr", Recent: []bot.Turn{{From: bot.SpeakerPerson, Text: "x"}}}
	bigger := full
	bigger.Recent = slices.Repeat(full.Recent, 5)
	bigger.Outbox = slices.Repeat(full.Outbox, 3)
	// As many outbox entries as full's, in its array: none of their
	// buttons, destination or hand-off may stay from the entries before.
	plain := full
	plain.Outbox = []bot.Outbound{{Seq: 10, Text: "ten"}, {Seq: 11, Text: "eleven"}}
	sessions := map[string]bot.Session{"zero": {}, "full": full, "filled": filled, "small": small, "bigger": bigger, "plain": plain}
	for before, b := range sessions {
		for now, n := range sessions {
			t.Run(before+"_then_"+now, func(t *testing.T) {
				t.Parallel()
				var s bot.Session
				if err := sessioncodec.Decode(sessioncodec.Encode(nil, &b), &s, 2); err != nil {
					t.Fatal(err)
				}
				data := sessioncodec.Encode(nil, &n)
				var want bot.Session
				if err := sessioncodec.Decode(data, &want, 2); err != nil {
					t.Fatal(err)
				}
				if err := sessioncodec.DecodeReusing(data, &s, 2); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, s); diff != "" {
					t.Errorf("(-Decode +DecodeReusing):\n%s", diff)
				}
			})
		}
	}
}

// TestDecodeReusingAllocatesNothing: a session of the same shape as the
// one before allocates nothing (Decode: one allocation per slice and map).
func TestDecodeReusingAllocatesNothing(t *testing.T) {
	{
		// A delivery's usual session: history, seen ids, slots, an outbox
		// with buttons, a lease (no hand-off, follow-up or desk relay,
		// which decode from JSON).
		typical := bot.Session{Version: 7, Lang: "en", Flow: "order_problem", Step: "ask_order",
			Slots: map[string]string{"order": "AB-123456"}, Seen: []string{"m1", "m2"},
			Recent:  slices.Repeat([]bot.Turn{{From: bot.SpeakerPerson, Text: "my parcel", At: time.Now().UTC()}}, 10),
			Outbox:  []bot.Outbound{{Seq: 4, Text: "Which one?", Choices: []bot.Choice{{ID: "a", Label: "A"}, {ID: "b", Label: "B"}}}},
			OutSeq:  4,
			Lease:   bot.Lease{Owner: "r1/1", Until: time.Now().UTC()},
			Created: time.Now().UTC(), Updated: time.Now().UTC()}
		data := sessioncodec.Encode(nil, &typical)
		var s bot.Session
		if err := sessioncodec.Decode(data, &s, 2); err != nil {
			t.Fatal(err)
		}
		fresh := testing.AllocsPerRun(100, func() {
			var s bot.Session
			_ = sessioncodec.Decode(data, &s, 2)
		})
		reused := testing.AllocsPerRun(100, func() { _ = sessioncodec.DecodeReusing(data, &s, 2) })
		t.Logf("Decode allocates %.0f times, DecodeReusing %.0f", fresh, reused)
		if reused != 0 {
			t.Errorf("DecodeReusing of a session of the same shape allocates %.0f times, want 0 (Decode: %.0f)", reused, fresh)
		}
	}
}

// fill sets every exported value reachable from v to something non-zero.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("s")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			fill(v.Index(i))
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k)
		fill(e)
		v.SetMapIndex(k, e)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	default:
		panic("fill: add a case for " + v.Kind().String())
	}
}

// scramble changes every exported value reachable from v in place.
func scramble(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("changed")
	case reflect.Bool:
		v.SetBool(false)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(2)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(2)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(2)
	case reflect.Pointer:
		if !v.IsNil() {
			scramble(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			scramble(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			scramble(e)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scramble(v.Field(i))
			}
		}
	default:
		panic("scramble: add a case for " + v.Kind().String())
	}
}

// storedBeforeFlowsVersion is a session as carebot encoded it before
// Session.FlowsVersion existed (written by that codec, in hex).
const storedBeforeFlowsVersion = "0e026672010d6f726465725f70726f626c656d0961736b5f6f7264657200000001056f726465720941422d31323334353600000600000106706572736f6e096d6f6e20636f6c697301b0cef4b00d0001026d3101b0cef4b00d0001b0cef4b00d00"

// TestStoredBeforeFlowsVersion: sessions stored before the flow-set version
// was recorded still decode, with no version (they run on the current
// flows), and re-encode to the same bytes.
func TestStoredBeforeFlowsVersion(t *testing.T) {
	t.Parallel()
	data, err := hex.DecodeString(storedBeforeFlowsVersion)
	if err != nil {
		t.Fatal(err)
	}
	var got bot.Session
	if err := sessioncodec.Decode(data, &got, 0); err != nil {
		t.Fatalf("an older session no longer decodes: %v", err)
	}
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	want := bot.Session{Version: 7, Lang: "fr", LangChosen: true, Flow: "order_problem", Step: "ask_order", Slots: map[string]string{"order": "AB-123456"}, Ask: 3,
		Recent: []bot.Turn{{From: "person", Text: "mon colis", At: at}}, Seen: []string{"m1"}, Created: at, Updated: at}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	if again := sessioncodec.Encode(nil, &got); !bytes.Equal(again, data) {
		t.Errorf("re-encoded as %x, want the stored bytes", again)
	}

	// With a version, and with a tag a later carebot may add: the version
	// is read and the unknown tag skipped.
	got.FlowsVersion = "ec2c76500085"
	data = sessioncodec.Encode(nil, &got)
	var back bot.Session
	if err := sessioncodec.Decode(append(slices.Clone(data), 9, 3, 'x', 'y', 'z'), &back, 0); err != nil || back.FlowsVersion != "ec2c76500085" {
		t.Errorf("with an unknown tag: version %q, err %v", back.FlowsVersion, err)
	}
	// A truncated tagged value is corrupt, not silently dropped.
	if err := sessioncodec.Decode(data[:len(data)-2], &back, 0); err == nil {
		t.Errorf("truncated version decoded without error: %q", back.FlowsVersion)
	}
}

// TestHandoffStatuses: every hand-off status survives encoding, the
// alerted one too (stored as its name, like the others: sessions written
// before it existed decode unchanged).
func TestHandoffStatuses(t *testing.T) {
	t.Parallel()
	for _, st := range []bot.HandoffStatus{bot.HandoffWaiting, bot.HandoffTaken, bot.HandoffCancelled, bot.HandoffClosed, bot.HandoffAlerted} {
		t.Run(string(st), func(t *testing.T) {
			src := bot.Session{Handoff: &bot.Handoff{ID: "h1", Queue: "urgent", Priority: bot.PriorityUrgent, Status: st}}
			var got bot.Session
			if err := sessioncodec.Decode(sessioncodec.Encode(nil, &src), &got, 0); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(src.Handoff, got.Handoff); diff != "" {
				t.Errorf("hand-off after encode/decode (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEveryAckKept: every feeling an acknowledgment can name survives the
// round trip. The acknowledgments share a byte with three flags; a feeling
// added beyond what the byte holds would be dropped without a word.
func TestEveryAckKept(t *testing.T) {
	t.Parallel()
	for ack := bot.AckDistress; ack <= bot.AckLast; ack <<= 1 {
		var got bot.Session
		if err := sessioncodec.Decode(sessioncodec.Encode(nil, &bot.Session{Acks: ack}), &got, 0); err != nil {
			t.Fatal(err)
		}
		if got.Acks != ack {
			t.Errorf("Acks %08b came back as %08b", ack, got.Acks)
		}
	}
}

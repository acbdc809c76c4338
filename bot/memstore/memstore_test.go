package memstore

import (
	"errors"
	"reflect"
	"slices"

	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/storetest"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) storetest.Store { return New(Config{}) })
}

func BenchmarkUpdate(b *testing.B) {
	storetest.RunBenchmarks(b, New(Config{}), nil)
}

// clock is a fake time source for expiry tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newClock() *clock { return &clock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)} }

func TestSessionTTL(t *testing.T) {
	t.Parallel()
	c := newClock()
	s := New(Config{TTL: time.Hour, Now: c.Now})
	a := bot.Address{Platform: "p", Chat: "c", User: "u"}
	step := func(v string) {
		t.Helper()
		if err := s.Update(t.Context(), a, func(sess *bot.Session) error { sess.Step = v; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	get := func() bot.Session {
		t.Helper()
		var got bot.Session
		stop := errors.New("stop")
		_ = s.Update(t.Context(), a, func(sess *bot.Session) error { got = *sess; return stop })
		return got
	}
	step("one")
	c.Advance(59 * time.Minute)
	if got := get(); got.Step != "one" {
		t.Fatalf("before the TTL: Step %q, want one", got.Step)
	}
	step("two") // an Update renews the TTL
	c.Advance(59 * time.Minute)
	if got := get(); got.Step != "two" || got.Version != 2 {
		t.Fatalf("after renewal: Step %q Version %d, want two 2", got.Step, got.Version)
	}
	c.Advance(time.Minute)
	if diff := cmp.Diff(bot.Session{}, get()); diff != "" {
		t.Errorf("expired session is not absent (-want +got):\n%s", diff)
	}
}

func TestDefaultTTLs(t *testing.T) {
	t.Parallel()
	c := newClock()
	s := New(Config{Now: c.Now})
	ctx := t.Context()
	if err := s.Set(ctx, "k", "v", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claim(ctx, "c", "ana", -1); err != nil {
		t.Fatal(err)
	}
	c.Advance(DefaultTTL - time.Second)
	if _, ok, _ := s.Get(ctx, "k"); !ok {
		t.Errorf("cache entry with ttl 0 expired before DefaultTTL")
	}
	if h, _ := s.Claim(ctx, "c", "bob", time.Hour); h != "ana" {
		t.Errorf("claim with ttl <= 0 expired before DefaultTTL: holder %q", h)
	}
	c.Advance(time.Second)
	if _, ok, _ := s.Get(ctx, "k"); ok {
		t.Errorf("cache entry with ttl 0 outlived DefaultTTL")
	}
	if h, _ := s.Claim(ctx, "c", "bob", time.Hour); h != "bob" {
		t.Errorf("claim with ttl <= 0 outlived DefaultTTL: holder %q", h)
	}
}

func TestSweepReclaimsMemory(t *testing.T) {
	t.Parallel()
	c := newClock()
	s := New(Config{TTL: 10 * time.Second, Now: c.Now})
	ctx := t.Context()
	const n = 5000
	for i := range n {
		a := bot.Address{Platform: "p", Chat: "c", User: strconv.Itoa(i)}
		if err := s.Update(ctx, a, func(*bot.Session) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if err := s.Set(ctx, "k"+strconv.Itoa(i), "v", time.Second); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Claim(ctx, "c"+strconv.Itoa(i), "o", time.Second); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.Len(); got != 3*n {
		t.Fatalf("Len = %d, want %d", got, 3*n)
	}
	// Once everything has expired, new writes sweep the old entries away.
	c.Advance(time.Minute)
	for i := range n {
		a := bot.Address{Platform: "p", Chat: "new", User: strconv.Itoa(i % 100)}
		if err := s.Update(ctx, a, func(*bot.Session) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.Len(); got != 100 {
		t.Errorf("Len after expiry and sweeps = %d, want 100 (the live sessions)", got)
	}
}

func TestConflictRerunsFn(t *testing.T) {
	t.Parallel()
	s := New(Config{})
	a := bot.Address{Platform: "p", Chat: "c", User: "u"}
	runs := 0
	err := s.Update(t.Context(), a, func(sess *bot.Session) error {
		runs++
		if runs == 1 {
			// Someone else saves while fn runs: this attempt must lose.
			if err := s.Update(t.Context(), a, func(o *bot.Session) error { return storetest.Increment(o, "n") }); err != nil {
				return err
			}
		}
		return storetest.Increment(sess, "n")
	})
	if err != nil {
		t.Fatal(err)
	}
	if runs != 2 {
		t.Errorf("fn ran %d times, want 2 (once more after the conflict)", runs)
	}
	var got bot.Session
	stop := errors.New("stop")
	_ = s.Update(t.Context(), a, func(sess *bot.Session) error { got = *sess; return stop })
	if got.Slots["n"] != "2" || got.Version != 2 {
		t.Errorf("counter %q Version %d, want 2 2", got.Slots["n"], got.Version)
	}
}

func TestDeleteDuringUpdateIsAConflict(t *testing.T) {
	t.Parallel()
	s := New(Config{})
	a := bot.Address{Platform: "p", Chat: "c", User: "u"}
	if err := s.Update(t.Context(), a, func(sess *bot.Session) error { sess.Step = "old"; return nil }); err != nil {
		t.Fatal(err)
	}
	var steps []string
	err := s.Update(t.Context(), a, func(sess *bot.Session) error {
		steps = append(steps, sess.Step)
		if len(steps) == 1 {
			if err := s.Delete(t.Context(), a); err != nil {
				return err
			}
		}
		sess.Step = "new"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The first run saw the forgotten session; its result must not bring it back.
	if want := []string{"old", ""}; !slices.Equal(steps, want) {
		t.Errorf("fn saw steps %q, want %q", steps, want)
	}
}

// TestCodecCoversEveryField fills every field of a session by reflection
// and checks that it survives encoding; then it changes everything reachable
// from the decoded copy and checks that a new decoding is unchanged. A field
// added to bot.Session but not to the codec fails here.
func TestCodecCoversEveryField(t *testing.T) {
	t.Parallel()
	var src bot.Session
	fill(reflect.ValueOf(&src).Elem())
	data := encode(nil, &src)
	var got bot.Session
	if err := decode(data, &got, headroom); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(src, got); diff != "" {
		t.Fatalf("session after encode/decode (-want +got):\n%s", diff)
	}
	scramble(reflect.ValueOf(&got).Elem())
	var again bot.Session
	if err := decode(data, &again, 0); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(src, again); diff != "" {
		t.Errorf("changing a decoded session changed the stored bytes (-want +got):\n%s", diff)
	}
}

func TestCodecTimes(t *testing.T) {
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
			if err := decode(encode(nil, &bot.Session{Created: tt.in}), &got, 0); err != nil {
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
	f.Add(encode(nil, &full))
	f.Add(encode(nil, &bot.Session{}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var s bot.Session
		if err := decode(data, &s, headroom); err != nil {
			return
		}
		// What decodes must encode back to the same session.
		var again bot.Session
		if err := decode(encode(nil, &s), &again, 0); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if diff := cmp.Diff(s, again); diff != "" {
			t.Errorf("(-first +second):\n%s", diff)
		}
	})
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

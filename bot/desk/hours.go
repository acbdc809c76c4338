package desk

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Hours are the team's business hours. The zero Hours is always open.
type Hours struct {
	Location *time.Location // nil: UTC
	Days     []time.Weekday // empty: every day
	From, To time.Duration  // since midnight; From == To: all day
}

// ParseHours reads the configuration's form: an IANA time zone
// ("Europe/Paris"), days ("mon", "tue"… or "mon-fri"), and "09:00"/"18:00".
// Empty days and times mean always open.
func ParseHours(tz string, days []string, from, to string) (Hours, error) {
	var h Hours
	if tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return h, fmt.Errorf("desk hours: time zone %q: %w", tz, err)
		}
		h.Location = loc
	}
	names := []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	day := func(s string) (time.Weekday, error) {
		i := slices.Index(names, strings.ToLower(strings.TrimSpace(s))[:min(3, len(strings.TrimSpace(s)))])
		if i < 0 {
			return 0, fmt.Errorf("desk hours: day %q: use mon, tue, wed, thu, fri, sat or sun", s)
		}
		return time.Weekday(i), nil
	}
	for _, d := range days {
		if a, b, ok := strings.Cut(d, "-"); ok {
			da, err := day(a)
			if err != nil {
				return h, err
			}
			db, err := day(b)
			if err != nil {
				return h, err
			}
			for w := da; ; w = (w + 1) % 7 {
				h.Days = append(h.Days, w)
				if w == db {
					break
				}
			}
			continue
		}
		w, err := day(d)
		if err != nil {
			return h, err
		}
		h.Days = append(h.Days, w)
	}
	clock := func(s string) (time.Duration, error) {
		if s == "" {
			return 0, nil
		}
		t, err := time.Parse("15:04", s)
		if err != nil {
			return 0, fmt.Errorf("desk hours: time %q: use HH:MM such as 09:00", s)
		}
		return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
	}
	var err error
	if h.From, err = clock(from); err != nil {
		return h, err
	}
	if h.To, err = clock(to); err != nil {
		return h, err
	}
	return h, nil
}

// Open reports whether the team works at t.
func (h Hours) Open(t time.Time) bool {
	loc := h.Location
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	if len(h.Days) > 0 && !slices.Contains(h.Days, t.Weekday()) {
		return false
	}
	if h.From == h.To {
		return true
	}
	since := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
	if h.From < h.To {
		return since >= h.From && since < h.To
	}
	return since >= h.From || since < h.To // overnight, such as 22:00-06:00
}

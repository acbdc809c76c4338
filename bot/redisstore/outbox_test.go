package redisstore

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
)

func TestCRC16(t *testing.T) {
	t.Parallel()
	// The check value of CRC-16/XMODEM, and slots Redis documents.
	for _, tt := range []struct {
		in   string
		want uint16
	}{
		{"123456789", 0x31c3},
		{"", 0},
	} {
		if got := crc16(tt.in); got != tt.want {
			t.Errorf("crc16(%q) = %#x, want %#x", tt.in, got, tt.want)
		}
	}
	if got := crc16("foo") % clusterSlots; got != 12182 { // CLUSTER KEYSLOT foo
		t.Errorf("slot of foo = %d, want 12182", got)
	}
}

func TestSlotTags(t *testing.T) {
	t.Parallel()
	tags := slotTags()
	for slot, tg := range tags {
		if tg == "" || int(crc16(tg)%clusterSlots) != slot {
			t.Fatalf("slot %d: tag %q hashes to %d", slot, tg, crc16(tg)%clusterSlots)
		}
	}
}

func TestMember(t *testing.T) {
	t.Parallel()
	for _, a := range []bot.Address{
		{},
		{Platform: "telegram", Chat: "42", User: "42"},
		{Platform: "a:b", Chat: "3:c", User: "u:1"},
		{Platform: "slack", Chat: "C1/1700000000.000100", User: ""},
	} {
		got, ok := parseMember(member(a))
		if !ok || got != a {
			t.Errorf("parseMember(member(%q)) = %q, %v", a, got, ok)
		}
	}
	for _, bad := range []string{"", "x", "5:ab", "-1:", "1:a"} {
		if _, ok := parseMember(bad); ok {
			t.Errorf("parseMember(%q) ok, want false", bad)
		}
	}
}

// TestTagStable pins the hash tag of an address (values from the first
// implementation, sha256.New and Write): it names every key of a
// stored conversation, so a change would orphan every session in Redis.
func TestTagStable(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 300) // past the stack buffer
	for _, tt := range []struct {
		a    bot.Address
		want string
	}{
		{bot.Address{Platform: "telegram", Chat: "42", User: "7"}, "94193b1485e1ce9f1d4a0434bd560fdb"},
		{bot.Address{}, "709e80c88487a2411e1ee4dfb9f22a86"},
		{bot.Address{Platform: "slack", Chat: long, User: long}, "6a4fe5b7401a50a2c91f767e648b961a"},
	} {
		if got := tag(tt.a); got != tt.want {
			t.Errorf("tag(%.40v) = %s, want %s", tt.a, got, tt.want)
		}
		s := &Store{prefix: "pre"}
		if key, tg := s.sessionKeyTag(tt.a); key != "pre:{"+tt.want+"}:session" || tg != tt.want {
			t.Errorf("sessionKeyTag(%.40v) = %s, %s; want pre:{%s}:session, %[3]s", tt.a, key, tg, tt.want)
		}
	}
}

// TestMemberAllocatesOnce: the index member of a conversation, made at
// each save of a non-empty outbox, costs one allocation (a strings.Builder
// took three or four as it grew).
func TestMemberAllocatesOnce(t *testing.T) {
	a := bot.Address{Platform: "telegram", Chat: "run0123-456", User: "3"}
	if got := testing.AllocsPerRun(100, func() { _ = member(a) }); got != 1 {
		t.Errorf("member allocates %.0f times, want 1", got)
	}
}

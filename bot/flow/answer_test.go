package flow

import (
	"regexp"
	"testing"
)

func TestAnswer(t *testing.T) {
	t.Parallel()
	one, ten := 1.0, 10.0
	tests := []struct {
		name   string
		ask    Ask
		in     string
		want   string
		wantOK bool
	}{
		{"text", Ask{}, "  anything  ", "anything", true},
		{"text_blank", Ask{}, "   ", "", false},
		{"order_ref", Ask{Validate: ValidateOrderRef}, "AB-123456", "AB-123456", true},
		{"order_ref_spaced_lower", Ask{Validate: ValidateOrderRef}, "ab 123456", "AB-123456", true},
		{"order_ref_glued", Ask{Validate: ValidateOrderRef}, "xy98765", "XY-98765", true},
		{"order_ref_digits_only", Ask{Validate: ValidateOrderRef}, "12345", "", false},
		{"order_ref_sentence", Ask{Validate: ValidateOrderRef}, "it is AB-123456", "", false},
		{"order_ref_custom", Ask{Validate: ValidateOrderRef, Pattern: regexp.MustCompile(`^\d{8}$`)}, "12345678", "12345678", true},
		{"email", Ask{Validate: ValidateEmail}, "me@example.com", "me@example.com", true},
		{"email_no_domain_dot", Ask{Validate: ValidateEmail}, "me@localhost", "", false},
		{"email_with_name", Ask{Validate: ValidateEmail}, "Me <me@example.com>", "", false},
		{"email_garbage", Ask{Validate: ValidateEmail}, "not an email", "", false},
		{"number", Ask{Validate: ValidateNumber, Min: &one, Max: &ten}, "7", "7", true},
		{"number_comma", Ask{Validate: ValidateNumber}, "3,5", "3,5", true},
		{"number_out_of_range", Ask{Validate: ValidateNumber, Min: &one, Max: &ten}, "11", "", false},
		{"number_word", Ask{Validate: ValidateNumber}, "seven", "", false},
		{"phone", Ask{Validate: ValidatePhone}, "+33 6 12 34 56 78", "+33 6 12 34 56 78", true},
		{"phone_short", Ask{Validate: ValidatePhone}, "123", "", false},
		{"pattern", Ask{Validate: ValidatePattern, Pattern: regexp.MustCompile(`^[A-Z]{3}$`)}, "ABC", "ABC", true},
		{"pattern_miss", Ask{Validate: ValidatePattern, Pattern: regexp.MustCompile(`^[A-Z]{3}$`)}, "ABCD", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.ask.Answer(tt.in)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("Answer(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

package flow

// Answers to ask steps, checked against the slot kinds of the question
// (validate: number, email, phone, order_ref, pattern).

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
)

var (
	reNumber   = regexp.MustCompile(`^[+-]?\d+([.,]\d+)?$`)
	rePhone    = regexp.MustCompile(`^\+?[0-9][0-9 ().-]{5,20}[0-9]$`)
	reOrderRef = regexp.MustCompile(`^[A-Za-z]{2,3}[- ]?\d{4,10}$`)
)

// Answer checks an answer against the question's rule (Validate, Min,
// Max, Pattern) and returns the value to keep: trimmed, an e-mail without
// its name, an order reference in one spelling (AB-123456).
func (a *Ask) Answer(text string) (string, bool) {
	v := strings.TrimSpace(text)
	if v == "" {
		return "", false
	}
	switch a.Validate {
	case ValidateNumber:
		if !reNumber.MatchString(v) {
			return "", false
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
		if err != nil || (a.Min != nil && f < *a.Min) || (a.Max != nil && f > *a.Max) {
			return "", false
		}
		return v, true
	case ValidateEmail:
		addr, err := mail.ParseAddress(v)
		if err != nil || addr.Name != "" || !strings.Contains(addr.Address[strings.LastIndex(addr.Address, "@")+1:], ".") {
			return "", false
		}
		return addr.Address, true
	case ValidatePhone:
		return v, rePhone.MatchString(v)
	case ValidateOrderRef:
		if a.Pattern != nil {
			return v, a.Pattern.MatchString(v)
		}
		if !reOrderRef.MatchString(v) {
			return "", false
		}
		// One spelling for everyone: AB-123456.
		v = strings.ToUpper(v)
		i := strings.IndexFunc(v, func(r rune) bool { return r >= '0' && r <= '9' })
		return strings.TrimRight(v[:i], "- ") + "-" + v[i:], true
	case ValidatePattern:
		return v, a.Pattern != nil && a.Pattern.MatchString(v)
	default:
		return v, true
	}
}

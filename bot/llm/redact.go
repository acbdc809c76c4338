package llm

import (
	"regexp"
	"strconv"
	"strings"
)

// Personal data never leaves for the model. What people wrote is redacted
// for good ([EMAIL], [PHONE]…); personal data in the scripted reply (a slot
// that holds the person's e-mail, say) is swapped for numbered placeholders
// ([EMAIL_1]) that the model must copy and that are put back afterwards, so
// the reply still says the right address without the model ever seeing it.

var (
	reEmailAny = regexp.MustCompile(`[\pL\pN._%+-]+@[\pL\pN.-]+\.[\pL]{2,}`)
	reIBANAny  = regexp.MustCompile(`(?i)\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?\b`)
	// reDigitRun is a run of digits with the separators people type in
	// phone and card numbers.
	reDigitRun = regexp.MustCompile(`\+?\(?\d[\d ().-]{6,}\d`)
	// rePersonDigits is reDigitRun for what people write, who also type
	// 06/12/34/56/78; scripts keep their dates (14/03/2026) readable.
	rePersonDigits = regexp.MustCompile(`\+?\(?\d[\d ()./-]{6,}\d`)
	// reRestore finds the placeholders protect makes, also lowercased by a model.
	reRestore = regexp.MustCompile(`(?i)\[(EMAIL|PHONE|CARD|IBAN|NUMBER)_(\d+)\]`)
)

// Card numbers have 13 to 19 digits (ISO/IEC 7812); anything from 8 digits
// up is treated as a phone or account number.
const (
	minCardDigits = 13
	maxCardDigits = 19
)

// digitKind says what a run of digits probably is, or "" when it is too
// short to identify anyone.
func digitKind(run string) string {
	n := len(digits(run))
	switch {
	case n < minPhoneDigits:
		return ""
	case n >= minCardDigits && n <= maxCardDigits:
		return "CARD"
	case n > maxCardDigits:
		return "NUMBER"
	default:
		return "PHONE"
	}
}

// redact removes e-mail addresses, IBANs, card numbers and phone numbers
// from what a person wrote.
func redact(s string) string {
	s = reEmailAny.ReplaceAllString(s, "[EMAIL]")
	s = reIBANAny.ReplaceAllString(s, "[IBAN]")
	return rePersonDigits.ReplaceAllStringFunc(s, func(m string) string {
		if strings.Contains(m, "/") && len(digits(m)) < 9 {
			return m // a date such as 14/03/2025, not a phone number
		}
		if k := digitKind(m); k != "" {
			return "[" + k + "]"
		}
		return m
	})
}

// protected is a script with its personal data replaced by placeholders.
type protected struct {
	text   string
	values map[string]string // "EMAIL_1" → the original value
	keys   []string          // placeholders in order of appearance
}

// protect replaces, in script, every e-mail address, IBAN and card number,
// every phone-looking number (starting with +, ( or 0) and every long
// number that came from a slot (the person typed it) with a placeholder.
func protect(script string, slots []string) protected {
	p := protected{values: map[string]string{}}
	byValue := map[string]string{}
	put := func(kind, v string) string {
		if k, ok := byValue[v]; ok {
			return "[" + k + "]"
		}
		n := 1
		for _, k := range p.keys {
			if strings.HasPrefix(k, kind+"_") {
				n++
			}
		}
		k := kind + "_" + strconv.Itoa(n)
		byValue[v] = k
		p.values[k] = v
		p.keys = append(p.keys, k)
		return "[" + k + "]"
	}
	typed := map[string]bool{}
	for _, v := range slots {
		for _, m := range reDigitRun.FindAllString(v, -1) {
			typed[digits(m)] = true
		}
	}
	s := reEmailAny.ReplaceAllStringFunc(script, func(m string) string { return put("EMAIL", m) })
	s = reIBANAny.ReplaceAllStringFunc(s, func(m string) string { return put("IBAN", m) })
	s = reDigitRun.ReplaceAllStringFunc(s, func(m string) string {
		switch kind := digitKind(m); {
		case kind == "":
			return m
		case kind == "CARD", strings.ContainsAny(m[:1], "+(0"):
			return put(kind, m)
		case typed[digits(m)]:
			// The person typed it; it may be an order number as well as a
			// phone number, so the model is not told which.
			return put("NUMBER", m)
		default:
			return m
		}
	})
	p.text = s
	return p
}

// restore puts the original values back in place of the placeholders.
// Placeholders it does not know stay, and the placeholder check rejects them.
func (p protected) restore(s string) string {
	if len(p.values) == 0 {
		return s
	}
	return reRestore.ReplaceAllStringFunc(s, func(m string) string {
		sub := reRestore.FindStringSubmatch(m)
		if v, ok := p.values[strings.ToUpper(sub[1])+"_"+sub[2]]; ok {
			return v
		}
		return m
	})
}

package nlu

import "testing"

// TestNeedBeforeFrustration: a frustration and a need said in one message
// go where the need is ("this is the third time I write, where is my
// parcel"): before, the frustration's words sent it to the complaints'
// flow, or to no flow ("I've written three times already, where is my
// order?"). Complaints with no problem of the other flows stay
// complaints, and a message of one clause is routed whole as before.
// Rows written for this test, in no corpus and in no development set.
func TestNeedBeforeFrustration(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct{ lang, text, flow string }{
		{"en", "this is the third time i write, where is my parcel", "order_problem"},
		{"en", "THIS IS THE THIRD TIME I WRITE, WHERE IS MY PARCEL", "order_problem"},
		{"en", "I've written three times already, where is my order?", "order_problem"},
		{"en", "nobody ever answers here. i can't log into my account", "account_access"},
		{"en", "the product I got is faulty", "reassurance"},
		{"en", "your staff were rude to me on the phone, it was appalling", "reassurance"},
		{"fr", "c'est la troisième fois que j'écris, où est mon colis", "order_problem"},
	}
	for _, tt := range tests {
		if got := m.Analyze(tt.lang, tt.text).Flow; got != tt.flow {
			t.Errorf("%s %q: flow %q, want %q", tt.lang, tt.text, got, tt.flow)
		}
	}
}

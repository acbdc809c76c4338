package bot_test

import "testing"

// TestFinalityCrisisPreempts: a goodbye whose finality the lexicon hears
// and the learned signal leans toward (crisis18en: a [final] cue lowers
// the learned cut, bot/nlu TestCrisisFinalityHints18en), and weariness of
// being alive, said in the middle of a flow, pre-empt it: the safety
// message, then the alert with the urgent hand-off. A sign-off after a
// problem solved, and a bereavement by suicide told with its year, stay in
// their flow.
func TestFinalityCrisisPreempts(t *testing.T) {
	t.Parallel()
	midFlowCrisis(t, "crisis18en-", []midFlowCase{
		{"final_hinted", "en", "my parcel is late", "thank you for the help. you won't hear from me again, i'm at peace with it", true},
		{"sick_of_alive", "en", "i was charged twice", "i'm honestly sick of being alive, every morning is the same grey nothing", true},
		{"signoff_calm", "en", "my parcel is late", "thanks, i won't be messaging again, the app works now", false},
		{"bereavement_calm", "en", "i was charged twice", "we lost my brother to suicide years ago, can i still close his old account", false},
	})
}

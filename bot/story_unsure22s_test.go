package bot_test

import "testing"

// TestAStoryTheRouterIsUnsureOf22s plays a colleague whose first message
// tells what happened in words the router is not sure of: "my manager
// keeps touching me and making sexual comments, I don't know what to do",
// « je subis du harcèlement de la part de mon manager ». They heard "I'm
// sorry, I'm not sure I understood", then "Thank you for reaching out",
// then "What's going on?": the fallback's staff menu took their words as
// how they are, peer support asked for them again. The story is now heard
// at once, with nothing said of not understanding it.
func TestAStoryTheRouterIsUnsureOf22s(t *testing.T) {
	t.Parallel()
	playPeer(t, []talk{
		{name: "en_touching_dont_know", turns: []string{"my manager keeps touching me and making sexual comments, I don't know what to do"},
			want: []string{"Thank you for reaching out"}, not: []string{"not sure I understood", "What's going on?"}},
		{name: "fr_harcelement_manager", turns: []string{"je subis du harcèlement de la part de mon manager"},
			want: []string{"Merci de m'en parler"}, not: []string{"pas sûr d'avoir compris", "Que se passe-t-il ?"}},
		// What is not understood is still asked about, as a colleague.
		{name: "en_weather", turns: []string{"what's the weather tomorrow"}, want: []string{"You can also just tell me how you are"}, not: []string{"Thank you for reaching out"}},
	})
}

package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestFeltBetterOnlyOfThePerson25b: at the satisfaction question "better"
// said of us, of something else, or in "I'd better go" is no news that the
// person feels better. Before, "you need to do better", "the old website
// was better", "i'd better go now", « vous pouvez faire mieux » and «
// c'était mieux avant » all heard "I'm glad you're feeling better." (« Je
// suis heureux que ça aille mieux. »): gladness at a reproach. The person
// who says they feel better is still heard (fix25).
func TestFeltBetterOnlyOfThePerson25b(t *testing.T) {
	t.Parallel()
	const (
		glad    = "I'm glad you're feeling better"
		heureux = "Je suis heureux que ça aille mieux"
	)
	bye := func(a string) []string { return []string{"/bye", a} }
	revoir := func(a string) []string { return []string{"merci, au revoir", a} }
	rows := []struct {
		name      string
		turns     []string
		want, not []string
	}{
		{"en_do_better", bye("you need to do better"), nil, []string{glad}},
		{"en_was_better", bye("the old website was better"), nil, []string{glad}},
		{"en_id_better_go", bye("i'd better go now"), nil, []string{glad}},
		{"en_been_better", bye("i've been better"), nil, []string{glad}},
		{"fr_faire_mieux", revoir("vous pouvez faire mieux"), nil, []string{heureux}},
		{"fr_mieux_avant", revoir("c'était mieux avant"), nil, []string{heureux}},
		{"fr_connu_mieux", revoir("j'ai connu mieux"), nil, []string{heureux}},
		// Still heard: the person feels better.
		{"en_feel_a_bit_better", bye("i feel a bit better now"), []string{glad}, nil},
		{"en_much_better_thanks", bye("much better thanks"), []string{glad}, nil},
		{"en_im_doing_better", bye("i'm doing better"), []string{glad}, nil},
		{"fr_ca_va_un_peu_mieux", revoir("ça va un peu mieux"), []string{heureux}, nil},
		{"fr_je_me_sens_mieux", revoir("je me sens mieux"), []string{heureux}, nil},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			holds(t, r.turns, shown(play(t, e, r.name, r.turns)), r.want, r.not)
		})
	}
}

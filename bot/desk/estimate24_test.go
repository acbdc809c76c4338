package desk_test

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot/storetest"
)

// TestE2EEstimateCountsNobodyCame24: two people asked for a person, nobody
// came within the desk's wait and they gave up ("cancel"); a third was
// taken at once. The fourth was told "Recently, someone has answered
// within a minute or two." (seen on the Slack desk, desk24): the estimate
// averaged only the requests someone took, so two in three that nobody
// took did not count. A wait that ended with nobody now counts as at
// least the desk's wait, and when such waits are a good part of the
// recent ones carebot says it cannot tell, rather than a time it made up.
func TestE2EEstimateCountsNobodyCame24(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.start(t, true)
	for _, chat := range []int64{50, 51} {
		w.say(chat, "I need to speak to a human")
		w.waitSent(t, chat, "I'm asking a person from our team")
	}
	w.clock.Add(5*time.Minute + time.Second)
	storetest.Must(t, p.desk.Tick(t.Context(), p.h))
	for _, chat := range []int64{50, 51} {
		w.waitSent(t, chat, "Would you like to leave a message for the team?")
		w.say(chat, "cancel")
	}
	w.say(52, "I need to speak to a human")
	w.waitSent(t, 52, "I'm asking a person from our team")
	press(t, p, "UCAMILLE", w.card(t, 3), "Take it")
	w.waitSent(t, 52, "Camille, from our team, is here with you now.")

	w.say(53, "I need to speak to a human")
	w.waitSent(t, 53, "I can't tell you exactly how long it will take")
	if n := countContaining(w.sentTexts(53), "within a minute or two"); n != 0 {
		t.Errorf("after two requests nobody took in time, the next person heard %q", w.sentTexts(53))
	}
}

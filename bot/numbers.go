package bot

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/carebot/carebot/bot/flow"
)

// People answer a numbered question with the number in words as often as
// in digits: "four", "the second one", "number 2 please", « quatre », « la
// deuxième », « numéro 2 svp »; and the 1-to-5 question with a scale:
// "5/5", "4 out of 5", "five stars", « 4 sur 5 », « je mets 4 ». The bot
// invites "its number (1, 2, 3…)", yet only a message of digits was read:
// "four" at "What happened with order AB-123456?" got "Sorry, I didn't
// catch which one you meant", "five" at the survey opened the worries
// flow, "5/5" got "I'm not sure I understood". The words for each number
// are common.yaml's number_words, of every language (a number in English
// is read in a French conversation too, as yes is).

// numberWords returns each word of set's number_words, folded, and the
// number it stands for, of every language; the first language to give a
// word keeps it.
func numberWords(set *flow.Set) map[string]int {
	m := map[string]int{}
	for _, lang := range slices.Sorted(maps.Keys(set.Common.NumberWords)) {
		for i, entry := range set.Common.NumberWords[lang] {
			for _, w := range strings.Fields(flow.Fold(entry)) {
				if _, ok := m[w]; !ok {
					m[w] = i + 1
				}
			}
		}
	}
	return m
}

// numberFillers may come with a number that answers a question, and say
// nothing alone: "the", "number", "option", "please", "I'd say", "stars",
// "out of"; « le », « numéro », « je mets », « étoiles », « sur ». A word
// not among them and no number ("not", "broken", « pas ») says more than
// a number, and the message is read as before.
var numberFillers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the a an number nr num no option choice button answer please pls plz
		i d id ll m say said would give giving it you we guess think maybe probably prob just
		star stars out of rate rating score its s is that s ok okay hmm um er so very much thanks thank thx ty
		le la l les numero num n choix option bouton reponse je j dirais dirai dirait mets met mettrais mettrai
		donne donnerais donnerai c est ce serait sur etoile etoiles note svp stp merci beaucoup bcp vous
		disons euh heu bon alors ben hmm plutot peut etre ok`) {
		m[w] = true
	}
	return m
}()

// scaleWords introduce the top of a scale, not a number said: "out of
// 5", « sur 5 », "5/5".
var scaleWords = map[string]bool{"/": true, "of": true, "sur": true}

// numberTokens are the words of s folded, with "/" kept as a word of its
// own ("4/5": "4", "/", "5").
func numberTokens(s string) []string {
	var out []string
	for _, f := range strings.Fields(strings.ReplaceAll(flow.Fold(s), "/", " / ")) {
		if f == "/" {
			out = append(out, f)
			continue
		}
		out = append(out, strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })...)
	}
	return out
}

// maxNumberWords is the longest message read as a number: "I'd give you a
// 4 out of 5 thanks" is, a story with a number in it is not.
const maxNumberWords = 10

// spokenNumber reads the message as one number said in words or digits,
// with fillers around it (see numberFillers); the top of a scale ("out of
// 5") is not the number said. It reports false for a message with words
// that say more, with no number, or with two.
func (t *turn) spokenNumber() (int, bool) {
	ws := numberTokens(t.text)
	if len(ws) == 0 || len(ws) > maxNumberWords {
		return 0, false
	}
	type said struct {
		n      int
		inWord bool
		at     int // the word's place in ws
	}
	var nums []said
	scale := false
	for i, w := range ws {
		n, isNum := t.e.numbers[w], false
		if n > 0 {
			isNum = true
		} else if v, err := strconv.Atoi(w); err == nil && v > 0 && w[0] != '0' {
			n, isNum = v, true
		}
		switch {
		case isNum && scale:
			scale = false // the top of the scale: not what was said
		case isNum:
			_, err := strconv.Atoi(w)
			nums = append(nums, said{n, err != nil, i})
		case scaleWords[w]:
			scale = true
		case numberFillers[w]:
		default:
			return 0, false
		}
	}
	found := 0
	for k, s := range nums {
		// The word for one right after a number is a pronoun ("the
		// second one"), and right before digits an article (« un 4 »,
		// "one 5"): "one second" stays two numbers.
		after := k > 0 && nums[k-1].at == s.at-1
		before := k+1 < len(nums) && nums[k+1].at == s.at+1 && !nums[k+1].inWord
		if s.n == 1 && s.inWord && (after || before) {
			continue
		}
		if found != 0 && s.n != found {
			return 0, false // two numbers: ask rather than guess
		}
		found = s.n
	}
	return found, found > 0
}

// numberSaid reads a number answering a question of max numbered
// answers: digits alone as before, else a number said in words.
func (t *turn) numberSaid(max int) (int, bool) {
	if n, ok := number(t.word()); ok {
		return n, n >= 1 && n <= max
	}
	n, ok := t.spokenNumber()
	return n, ok && n <= max
}

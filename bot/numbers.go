package bot

import (
	"maps"
	"regexp"
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
// "out of", "at all"; « le », « numéro », « je mets », « étoiles », «
// sur », « du tout », « s'il vous plaît ». A word not among them and no
// number ("not", "broken", « pas ») says more than a number, and the
// message is read as before.
var numberFillers = wordSet(`the a an number nr num no option choice button answer please pls plz
		s il te plait pense crois que probablement juste honnetement bah donc
		frankly well let lets uh uhm umm erm put
		i d id ll m say said would give giving it you we guess think maybe probably prob just
		star stars out of rate rating score its s is was were been really truly that ok okay hmm um er so very much thanks thank thx ty
		le la l les numero num n choix option bouton reponse je j dirais dirai dirait mets met mettrais mettrai
		donne donnerais donnerai c est ce serait sur etoile etoiles note svp stp merci beaucoup bcp vous
		disons euh heu bon alors ben hmm plutot peut etre etait vraiment tbh honestly franchement du tout at all`)

// notANumberAfter turn a number word right after them into something
// else: "a second" is a moment, "no one" nobody, "an eighth" a share.
// Digits after them still are a number ("I'd give you a 4", "no 2"), and
// so is a count after "a" or "an" ("I'd give you a five": see
// countAfterA).
var notANumberAfter = map[string]bool{"a": true, "an": true, "no": true}

// countAfterA reports a number word that counts (number_words' first word
// of each entry: "five", not "fifth" or "second") after "a" or "an": a
// score said, "I'd give you a five", "a four out of five".
func (t *turn) countAfterA(before, w string) bool {
	return (before == "a" || before == "an") && t.e.counts[w]
}

// countWords returns the first word of each entry of set's number_words,
// folded, of every language: the number as a count ("five", « cinq »),
// not as an ordinal ("fifth", « second »).
func countWords(set *flow.Set) map[string]bool {
	m := map[string]bool{}
	for _, entries := range set.Common.NumberWords {
		for _, entry := range entries {
			if ws := strings.Fields(flow.Fold(entry)); len(ws) > 0 {
				m[ws[0]] = true
			}
		}
	}
	return m
}

// everyOneAfter turn any number right after them, in words or digits,
// into all of the answers: « les deux », « les 2 », "all three", "both";
// but for stars, a score: "all 5 stars", « les 5 étoiles ».
var everyOneAfter = map[string]bool{"les": true, "all": true, "both": true}

// starWords count a score in stars.
var starWords = map[string]bool{"star": true, "stars": true, "etoile": true, "etoiles": true}

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
	return t.numberOf(numberTokens(t.text))
}

// numberOf is spokenNumber on the message's words ws, where a word
// scalePoint(n) stands for a point of the satisfaction question's scale
// said in its words.
func (t *turn) numberOf(ws []string) (int, bool) {
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
		n, isNum, inWord := t.e.numbers[w], false, true
		if n > 0 {
			isNum = true
		} else if d := strings.TrimPrefix(w, scalePointMark); d[0] != '0' {
			if v, err := strconv.Atoi(d); err == nil && v > 0 {
				n, isNum, inWord = v, true, false
			}
		}
		stars := i+1 < len(ws) && starWords[ws[i+1]]
		if isNum && i > 0 && (inWord && notANumberAfter[ws[i-1]] && !t.countAfterA(ws[i-1], w) || everyOneAfter[ws[i-1]] && !stars) {
			return 0, false // "just a second", "no one", « les deux »: no number said
		}
		switch {
		case isNum && scale:
			scale = false // the top of the scale: not what was said
		case isNum:
			nums = append(nums, said{n, inWord, i})
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

// scalePointMark opens a word that stands for a point of the satisfaction
// question's scale said in its own words (see surveyScore): no message
// word holds it.
const scalePointMark = "\x00"

// scalePoint is the word that stands for point n of the scale.
func scalePoint(n int) string { return scalePointMark + strconv.Itoa(n) }

// scaleAnchor is a point of the satisfaction question's scale and the
// words it is named with: "1 (poor)", « 5 (très bien) ».
type scaleAnchor struct {
	n  int
	ws []string
}

// scaleAnchorRE finds the points of a scale named in a question: a number,
// then its name in brackets.
var scaleAnchorRE = regexp.MustCompile(`(\d+)\s*\(([^()]+)\)`)

// scaleAnchors reads the points of the scale the satisfaction question
// names, in each of its languages: the question's own words ("from 1
// (poor) to 5 (great)") are what people answer it with ("great", « très
// bien merci »). Longer names first, so that "pas très bien" is not read
// as « très bien ».
func scaleAnchors(set *flow.Set) []scaleAnchor {
	var out []scaleAnchor
	q := set.Common.Messages[flow.MsgSatisfaction]
	for _, lang := range slices.Sorted(maps.Keys(q.ByLang)) {
		for _, m := range scaleAnchorRE.FindAllStringSubmatch(q.ByLang[lang], -1) {
			n, err := strconv.Atoi(m[1])
			if ws := numberTokens(m[2]); err == nil && len(ws) > 0 {
				out = append(out, scaleAnchor{n, ws})
			}
		}
	}
	for _, v := range surveyVerdicts {
		out = append(out, scaleAnchor{v.n, numberTokens(v.words)})
	}
	slices.SortStableFunc(out, func(a, b scaleAnchor) int { return len(b.ws) - len(a.ws) })
	return out
}

// surveyVerdicts are what people answer the satisfaction question with
// when not in its words: a verdict on how it went ("terrible", "not great
// tbh", « nul », « pas terrible », « bof », "average", « pas trop mal »,
// a thumbs up). Read as none, they opened the worries flow ("Tell me what
// is worrying you") or got "I'm not sure I understood" right after the
// goodbye. Each stands for
// the point of the scale it says; praise ("very helpful", « super ») is
// left to praised, which thanks and lets a score come. The question's
// own words come first (longer names first, so "not great" is not read
// as "great").
var surveyVerdicts = []struct {
	n     int
	words string
}{
	{1, "terrible"}, {1, "awful"}, {1, "horrible"}, {1, "dreadful"}, {1, "appalling"}, {1, "rubbish"},
	{1, "useless"}, {1, "very bad"}, {1, "thumbs down"}, {1, "catastrophic"},
	{1, "nul"}, {1, "nulle"}, {1, "catastrophique"}, {1, "lamentable"}, {1, "tres mauvais"}, {1, "tres mal"},
	{1, "affreux"}, {1, "affreuse"}, {1, "epouvantable"},
	{2, "bad"}, {2, "not good"}, {2, "not great"}, {2, "not very good"}, {2, "meh"},
	{2, "mauvais"}, {2, "pas terrible"}, {2, "pas top"}, {2, "pas genial"}, {2, "pas super"}, {2, "bof"},
	{2, "pas tres bien"}, {2, "pas bon"}, {2, "pas tres bon"},
	{2, "could have been better"}, {2, "could be better"},
	{2, "pas ouf"}, {2, "aurait pu etre mieux"}, {2, "ca aurait pu etre mieux"}, {2, "peut mieux faire"},
	{3, "average"}, {3, "not too bad"}, {3, "not that bad"}, {3, "not so bad"},
	{3, "moyen"}, {3, "moyenne"}, {3, "pas trop mal"}, {3, "pas si mal"},
	{4, "not bad"}, {4, "pas mal"}, {4, "thumbs up"},
}

// surveyEmoji are the emoji that give a verdict at the satisfaction
// question, in the words of surveyVerdicts (numberTokens keeps letters
// and digits only).
var surveyEmoji = strings.NewReplacer("👍", " thumbs up ", "👎", " thumbs down ")

// surveyScore reads the message as a score for the satisfaction question:
// a number said (see spokenNumber), or a point of its scale said in the
// question's words ("great", "it was great", « c'était très bien », « pas
// bien », "poor thanks"). The words of a point denied ("not great", « pas très bien »)
// are no score, and nor are the top's said with thanks (see praised).
func (t *turn) surveyScore() (int, bool) {
	ws := numberTokens(surveyEmoji.Replace(t.text))
	// "great thanks", « très bien merci »: as often a thanks for what was
	// done as a score, and read as a thanks (see praised); a number still
	// is a score, and so is the low end of the scale ("poor thanks", «
	// pas bien merci »), which thanks nobody.
	thanked := slices.ContainsFunc(ws, func(w string) bool { return thanksWords[w] })
	for i := 0; i < len(ws); i++ {
		for _, a := range t.e.scale {
			if thanked && a.n > 2 {
				continue
			}
			if i+len(a.ws) <= len(ws) && slices.Equal(ws[i:i+len(a.ws)], a.ws) {
				ws = slices.Replace(ws, i, i+len(a.ws), scalePoint(a.n))
				break
			}
		}
	}
	n, ok := t.numberOf(ws)
	return n, ok && n <= 5
}

// thanksWords thank: with them, the words of a point of the scale thank
// as often as they score.
var thanksWords = map[string]bool{"thanks": true, "thank": true, "thx": true, "ty": true, "cheers": true, "merci": true}

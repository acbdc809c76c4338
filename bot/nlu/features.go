package nlu

// Features of a text for the router: character n-grams of each word
// (padded with spaces, so "order" gives " or", "ord", …, "der "), the words
// themselves and pairs of neighbouring words. Character n-grams make the
// router forgiving of typos ("delivry", "asisstant") and of inflections
// ("refunds", "refunded"); words and word pairs keep the meaning that
// n-grams blur. Features are 64-bit FNV-1a hashes; collisions between
// distinct n-grams are negligible at this size.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211

	seedGram = fnvOffset
	seedWord = fnvOffset ^ 0x9e3779b97f4a7c15
	seedPair = fnvOffset ^ 0xc2b2ae3d27d4eb4f

	gramMin = 3
	gramMax = 5
	// maxGramWord caps the n-grams taken from one very long "word" (a URL, a
	// pasted hash) so that it cannot flood the vector.
	maxGramWord = 24
)

// feature is one hashed feature with the weight of its kind.
type feature struct {
	h uint64
	w float32
}

// Weights of each kind of feature, relative to a character n-gram: a
// pair of words says more than one word, which its n-grams already carry
// (chosen with the classifier's regularisation, see params).
const (
	wordWeight float32 = 1
	pairWeight float32 = 2
	numWeight  float32 = 0.5
)

var numHash = hashBytes(seedWord, []byte("<number>"))

func hashBytes[T ~string | ~[]byte](seed uint64, b T) uint64 {
	h := seed
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= fnvPrime
	}
	return h
}

// appendFeatures appends the features of d to fs.
//
// A message of more than maxTokens tokens first loses its middle
// (keepEnds): the features of a long message are those of its two ends,
// so that a pasted page costs what a paragraph does. Read d's signals
// before.
func appendFeatures(fs []feature, d *doc) []feature {
	d.keepEnds()
	prev := uint64(0)
	prevClause := int32(-1)
	for i, t := range d.toks {
		if t.num >= 0 {
			// Numbers (order references, amounts) say "a number is here",
			// not which one.
			fs = append(fs, feature{numHash, numWeight})
			prev, prevClause = numHash, t.clause
			continue
		}
		fs, prev, prevClause = appendWord(fs, d.word(i), prev, prevClause, t.clause)
	}
	return fs
}

// appendWord appends the features of one word: the word,
// the pair it makes with the previous word of its clause, and its n-grams.
func appendWord(fs []feature, w []byte, prev uint64, prevClause, clause int32) ([]feature, uint64, int32) {
	wh := hashBytes(seedWord, w)
	fs = append(fs, feature{wh, wordWeight})
	if prev != 0 && prevClause == clause {
		fs = append(fs, feature{(prev*31 + wh) ^ seedPair, pairWeight})
	}
	return appendGrams(fs, w), wh, clause
}

// appendGrams appends the character n-grams of word w, padded with spaces.
func appendGrams(fs []feature, w []byte) []feature {
	var pad [maxGramWord + 2]byte
	if len(w) > maxGramWord {
		w = w[:maxGramWord]
	}
	pad[0] = ' '
	n := copy(pad[1:], w)
	pad[n+1] = ' '
	p := pad[:n+2]
	for s := 0; s+gramMin <= len(p); s++ {
		h := uint64(seedGram)
		for e := s; e < len(p) && e-s < gramMax; e++ {
			h ^= uint64(p[e])
			h *= fnvPrime
			if e-s+1 >= gramMin {
				fs = append(fs, feature{h ^ uint64(e-s+1), 1})
			}
		}
	}
	return fs
}

// table is an open-addressing hash table from feature hash to feature id,
// built once and read concurrently; much faster than a Go map for this
// one lookup per n-gram.
type table struct {
	keys []uint64 // 0 = empty
	ids  []int32
	mask uint64
}

func newTable(n int) *table {
	size := 1
	for size < 2*n+16 {
		size <<= 1
	}
	return &table{keys: make([]uint64, size), ids: make([]int32, size), mask: uint64(size - 1)}
}

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// put returns the id of h, adding it as next when absent.
func (t *table) put(h uint64, next int32) (id int32, added bool) {
	if h == 0 {
		h = 1
	}
	for i := mix(h) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.ids[i], false
		case 0:
			t.keys[i], t.ids[i] = h, next
			return next, true
		}
	}
}

// get returns the id of h, or -1.
func (t *table) get(h uint64) int32 {
	if h == 0 {
		h = 1
	}
	for i := mix(h) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.ids[i]
		case 0:
			return -1
		}
	}
}

package nlu

import "slices"

// rowStore keeps the learned signals' training rows, with their features,
// for the life of the process (the models of every later load of the
// flows, and the tests, train on them again) without a pointer per row:
// texts lie end to end in one byte slice, features in one slice, and a
// row is extents of both. As slices of strings and of features, the rows
// of the crisis and person corpora were 0.8 MB that every collection
// scanned, and some 30,000 objects it marked.
type rowStore struct {
	text  []byte
	feats []feature
	names []string // the languages, files and categories rows name
	rows  []storedRow
}

// storedRow is one training row of a rowStore.
type storedRow struct {
	text, feats         extent
	lang, set, category uint16 // in the store's names
	want                bool
}

// extent is the place of a row's text or features in its store.
type extent struct{ at, n uint32 }

// add adds a row: its text, language, file and category, what the
// detector must say of it, and its features.
func (s *rowStore) add(text, lang, set, category string, want bool, feats []feature) {
	r := storedRow{
		text:  extent{uint32(len(s.text)), uint32(len(text))},
		feats: extent{uint32(len(s.feats)), uint32(len(feats))},
		lang:  s.name(lang), set: s.name(set), category: s.name(category),
		want: want,
	}
	s.text = append(s.text, text...)
	s.feats = append(s.feats, feats...)
	s.rows = append(s.rows, r)
}

// name returns the number of name n in the store's names, adding it.
func (s *rowStore) name(n string) uint16 {
	i := slices.Index(s.names, n)
	if i < 0 {
		i = len(s.names)
		s.names = append(s.names, n)
	}
	return uint16(i)
}

// textOf returns the text of row r, as a string of its own.
func (s *rowStore) textOf(r *storedRow) string {
	return string(s.text[r.text.at : r.text.at+r.text.n])
}

// featsOf returns the features of row r; the caller must not change them.
func (s *rowStore) featsOf(r *storedRow) []feature {
	end := r.feats.at + r.feats.n
	return s.feats[r.feats.at:end:end]
}

// storeRows returns a store of samples, sized once for all of them (a
// store grown row by row left 74 MB of garbage at a process's start):
// row gives a sample's text, language, set, category, label and features.
func storeRows[T any](samples []T, row func(*T) (text, lang, set, category string, want bool, feats []feature)) *rowStore {
	var text, feats int
	for i := range samples {
		t, _, _, _, _, f := row(&samples[i])
		text, feats = text+len(t), feats+len(f)
	}
	st := newRowStore(len(samples), text, feats)
	for i := range samples {
		st.add(row(&samples[i]))
	}
	return st
}

// newRowStore returns a store with room for rows rows of text bytes of
// text and feats features in all: the store's slices are its largest
// (18 MB of features), grown by appends they would leave five times as
// much garbage at a process's start.
func newRowStore(rows, text, feats int) *rowStore {
	return &rowStore{text: make([]byte, 0, text), feats: make([]feature, 0, feats), rows: make([]storedRow, 0, rows)}
}

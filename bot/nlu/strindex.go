package nlu

import (
	"bytes"
	"hash/maphash"
)

// strList is a list of strings that holds nothing the garbage collector
// has to follow: the strings lie end to end in one byte slice. A slice of
// strings is a pointer per string, and every collection follows each of
// them for as long as the process lives; the lexicons' lists are built
// once and read for every message.
type strList struct {
	text []byte
	ends []uint32 // string i is text[ends[i-1]:ends[i]] (from 0 for the first)
}

// len is how many strings l holds.
func (l *strList) len() int { return len(l.ends) }

// bytes returns string i; the caller must not change it.
func (l *strList) bytes(i int32) []byte {
	start := uint32(0)
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.text[start:l.ends[i]:l.ends[i]]
}

// str returns string i as a string of its own.
func (l *strList) str(i int32) string { return string(l.bytes(i)) }

// add appends s.
func (l *strList) add(s string) {
	l.text = append(l.text, s...)
	l.ends = append(l.ends, uint32(len(l.text)))
}

// strIndex numbers distinct strings in the order they are added, and
// finds them by a hash of their bytes, with nothing the garbage collector
// has to follow (see strList): a map keyed by strings is a pointer per
// key.
type strIndex struct {
	strList
	seed   maphash.Seed
	byHash map[uint64]int32 // hash of a string → the last string added with it
	prev   []int32          // the string added before i with the same hash, or -1
}

func newStrIndex() strIndex {
	return strIndex{seed: maphash.MakeSeed(), byHash: map[uint64]int32{}}
}

// add returns the number of s, adding it when it is new.
func (x *strIndex) add(s string) (i int32, added bool) {
	h := maphash.String(x.seed, s)
	if i := x.chain(h, []byte(s)); i >= 0 {
		return i, false
	}
	i = int32(x.len())
	last, ok := x.byHash[h]
	if !ok {
		last = -1
	}
	x.strList.add(s)
	x.prev = append(x.prev, last)
	x.byHash[h] = i
	return i, true
}

// find returns the number of the string w, or -1.
func (x *strIndex) find(w []byte) int32 {
	if x.len() == 0 {
		return -1
	}
	return x.chain(maphash.Bytes(x.seed, w), w)
}

// findString is find for a string.
func (x *strIndex) findString(s string) int32 {
	if x.len() == 0 {
		return -1
	}
	return x.chain(maphash.String(x.seed, s), []byte(s))
}

// chain returns the string w among those of hash h, or -1.
func (x *strIndex) chain(h uint64, w []byte) int32 {
	i, ok := x.byHash[h]
	if !ok {
		return -1
	}
	for ; i >= 0; i = x.prev[i] {
		if bytes.Equal(x.bytes(i), w) {
			return i
		}
	}
	return -1
}

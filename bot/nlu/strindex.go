package nlu

import (
	"bytes"
	"hash/maphash"
)

// strIndex numbers strings in the order they are added and finds them,
// holding nothing the garbage collector has to follow: the strings lie
// end to end in one byte slice, found by a hash of their bytes. A map
// keyed by strings is a pointer per key, and every collection follows
// each of them for as long as the process lives; the lexicons' indexes
// are built once and read for every message.
type strIndex struct {
	seed   maphash.Seed
	byHash map[uint64]int32 // hash of a string → the last string added with it
	text   []byte
	ends   []uint32 // string i is text[start(i):ends[i]]
	prev   []int32  // the string added before i with the same hash, or -1
}

func newStrIndex() strIndex {
	return strIndex{seed: maphash.MakeSeed(), byHash: map[uint64]int32{}}
}

// len is how many strings x holds.
func (x *strIndex) len() int { return len(x.ends) }

// bytes returns string i; the caller must not change it.
func (x *strIndex) bytes(i int32) []byte {
	start := uint32(0)
	if i > 0 {
		start = x.ends[i-1]
	}
	return x.text[start:x.ends[i]:x.ends[i]]
}

// add returns the number of s, adding it when it is new.
func (x *strIndex) add(s string) (i int32, added bool) {
	h := maphash.String(x.seed, s)
	if i := x.chain(h, []byte(s)); i >= 0 {
		return i, false
	}
	i = int32(len(x.ends))
	last, ok := x.byHash[h]
	if !ok {
		last = -1
	}
	x.text = append(x.text, s...)
	x.ends = append(x.ends, uint32(len(x.text)))
	x.prev = append(x.prev, last)
	x.byHash[h] = i
	return i, true
}

// find returns the number of the string w, or -1.
func (x *strIndex) find(w []byte) int32 {
	if len(x.ends) == 0 {
		return -1
	}
	return x.chain(maphash.Bytes(x.seed, w), w)
}

// findString is find for a string.
func (x *strIndex) findString(s string) int32 {
	if len(x.ends) == 0 {
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

package flow

import "strings"

// suggest returns the candidate closest to word, when it is close enough
// to be a likely typo, or "". Ties go to the earlier candidate.
func suggest(word string, candidates []string) string {
	w := []rune(strings.ToLower(word))
	if len(w) == 0 || len(w) > 64 || len(candidates) > 1000 { // keep a huge broken file fast
		return ""
	}
	limit := 3
	switch {
	case len(w) <= 4:
		limit = 1
	case len(w) <= 8:
		limit = 2
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		if c == word {
			continue
		}
		if d := distance(w, []rune(strings.ToLower(c))); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		best = onlyLonger(string(w), candidates)
	}
	return best
}

// onlyLonger is the one candidate whose first word is word ("complaint"
// for complaint_problem, "order" for order_ref): a lead often writes the
// first half of a long name. "" when none or several are.
func onlyLonger(word string, candidates []string) string {
	if len([]rune(word)) < 4 {
		return ""
	}
	found := ""
	for _, c := range candidates {
		if strings.HasPrefix(strings.ToLower(c), word+"_") {
			if found != "" {
				return ""
			}
			found = c
		}
	}
	return found
}

// distance is the Levenshtein edit distance between a and b, with a
// swap of two neighbours counting as one edit (the commonest typo).
func distance(a, b []rune) int {
	if len(b) > 64 {
		return len(b)
	}
	// Three rows: two back for swaps, one back, current.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

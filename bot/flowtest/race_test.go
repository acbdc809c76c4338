//go:build race

package flowtest_test

// raceEnabled: the race detector slows everything several times over, so
// the suite's time limit does not apply.
const raceEnabled = true

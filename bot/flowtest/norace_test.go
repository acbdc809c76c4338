//go:build !race

package flowtest_test

const raceEnabled = false

//go:build race

package redisstore

// raceOn: the race detector empties sync.Pools at random, so allocation
// figures mean nothing under it.
const raceOn = true

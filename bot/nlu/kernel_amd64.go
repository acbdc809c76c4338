//go:build amd64 && !purego

package nlu

// useAVX: the processor and the operating system support AVX (the ymm
// registers are saved on a switch).
var useAVX = hasAVX()

func hasAVX() bool

//go:noescape
func adaStepAVX(w, g2 []float32, stride int, ids []int32, vals []float32, grad []float32, l2, rate float32)

//go:noescape
func scoreRowsAVX(w []float32, stride int, ids []int32, vals []float32, z []float32)

//go:noescape
func binaryStepAVX(st []adaState, ids []int32, vals []float32, grad, l2, rate float32)

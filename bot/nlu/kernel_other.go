//go:build !amd64 || purego

package nlu

const useAVX = false

func adaStepAVX(w, g2 []float32, stride int, ids []int32, vals []float32, grad []float32, l2, rate float32) {
	panic("nlu: no AVX kernels")
}

func scoreRowsAVX(w []float32, stride int, ids []int32, vals []float32, z []float32) {
	panic("nlu: no AVX kernels")
}

func binaryStepAVX(st []adaState, ids []int32, vals []float32, grad, l2, rate float32) {
	panic("nlu: no AVX kernels")
}

package nlu

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestKernels: the assembly kernels (where the processor has AVX) leave
// the very bits the Go loops leave, on rows of one to three 8-float
// blocks, padded or not, with repeated steps on the same rows.
func TestKernels(t *testing.T) {
	t.Parallel()
	if !useAVX {
		t.Skip("no AVX kernels on this processor or build: the Go loops run, and TestNewDeterministic covers them")
	}
	for _, tt := range []struct {
		name         string
		nc, stride   int
		nFeat, steps int
	}{
		{"one_block", 8, 8, 50, 200},
		{"padded", 11, 16, 300, 500},
		{"three_blocks", 21, 24, 100, 300},
		{"one_flow", 1, 8, 40, 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(7, uint64(tt.nc)))
			wa, ga := make([]float32, tt.nFeat*tt.stride), make([]float32, tt.nFeat*tt.stride)
			wg, gg := make([]float32, len(wa)), make([]float32, len(ga))
			grad := make([]float32, tt.stride)
			za, zg := make([]float32, tt.stride), make([]float32, tt.stride)
			for step := range tt.steps {
				n := rng.IntN(20) // 0 features too
				ids := make([]int32, 0, n)
				vals := make([]float32, 0, n)
				seen := map[int32]bool{}
				for range n {
					id := int32(rng.IntN(tt.nFeat))
					if seen[id] {
						continue
					}
					seen[id] = true
					ids = append(ids, id)
					vals = append(vals, float32(rng.NormFloat64()))
				}
				for c := range tt.nc {
					grad[c] = float32(rng.NormFloat64() * 0.3)
				}
				for c := range tt.nc {
					za[c] = float32(rng.NormFloat64())
					zg[c] = za[c]
				}
				scoreRowsAVX(wa, tt.stride, ids, vals, za)
				scoreRowsGo(wg, tt.stride, ids, vals, zg)
				if !sameBits(za, zg) {
					t.Fatalf("step %d: scoreRows: AVX %v, Go %v", step, za, zg)
				}
				adaStepAVX(wa, ga, tt.stride, ids, vals, grad, 1e-3, 0.4)
				adaStepGo(wg, gg, tt.stride, ids, vals, grad, 1e-3, 0.4)
				if !sameBits(wa, wg) || !sameBits(ga, gg) {
					t.Fatalf("step %d: adaStep: the AVX and Go kernels' weights differ", step)
				}
			}
		})
	}
}

// TestBinaryKernel: the learned crisis signal's step leaves the bits of
// the Go loop, with 0 to 40 features a step (whole blocks of 8 and the
// rest).
func TestBinaryKernel(t *testing.T) {
	t.Parallel()
	if !useAVX {
		t.Skip("no AVX kernels on this processor or build")
	}
	rng := rand.New(rand.NewPCG(7, 2))
	const nFeat = 200
	sa, sg := make([]adaState, nFeat), make([]adaState, nFeat)
	for step := range 2000 {
		perm := rng.Perm(nFeat)[:rng.IntN(41)]
		ids := make([]int32, len(perm))
		vals := make([]float32, len(perm))
		for j, id := range perm {
			ids[j] = int32(id)
			vals[j] = float32(rng.NormFloat64() * 0.2)
		}
		grad := float32(rng.NormFloat64())
		binaryStep(sa, ids, vals, grad, 3e-4, 0.2)
		binaryStepGo(sg, ids, vals, grad, 3e-4, 0.2)
		for id := range sa {
			if math.Float32bits(sa[id].u) != math.Float32bits(sg[id].u) || math.Float32bits(sa[id].g2) != math.Float32bits(sg[id].g2) {
				t.Fatalf("step %d: feature %d: AVX %+v, Go %+v", step, id, sa[id], sg[id])
			}
		}
	}
}

// TestKernelBounds: training refuses samples whose feature ids the
// kernels would take past the end of the weights, or step twice from one
// value, rather than write out of bounds or train on garbage.
func TestKernelBounds(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		ids  []int32
	}{
		{"past_the_end", []int32{0, 2}},
		{"negative", []int32{-1}},
		{"twice", []int32{1, 0, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			samples := []sample{
				{ids: []int32{0, 1}, vals: []float32{0.6, 0.8}, y: 0},
				{ids: tt.ids, vals: make([]float32, len(tt.ids)), y: 1},
			}
			for name, train := range map[string]func(){
				"fit": func() { fit(samples, []int{0, 1}, nil, 2, 2, []float32{1, 1}, defaultParams) },
				"crisis": func() {
					r := &crisisRows{v: &vectors{tab: newTable(2), n: 2}, ss: samples, npos: 1}
					r.fit(crisisParams, 1)
				},
			} {
				func() {
					defer func() {
						if recover() == nil {
							t.Errorf("%s trained on feature ids %v of 2 features", name, tt.ids)
						}
					}()
					train()
				}()
			}
		})
	}
}

// TestKernelsNoFlows: a row of no flows (stride 0, nothing to score or
// step) is no work, as in the Go loops; the assembly kernels, which test
// their block count after the first block, would run past the end of
// grad and z and not stop (review s7), so the wrappers never call them
// with it.
func TestKernelsNoFlows(t *testing.T) {
	t.Parallel()
	stride := rowStride(0)
	if stride != 0 {
		t.Fatalf("rowStride(0) = %d, want 0", stride)
	}
	ids, vals := []int32{0, 1, 2}, []float32{0.5, 0.25, 1}
	w, g2 := make([]float32, 0), make([]float32, 0)
	adaStep(w, g2, stride, ids, vals, []float32{}, 0.01, 0.1)
	z := []float32{}
	scoreRows(w, stride, ids, vals, z)
	if len(w) != 0 || len(g2) != 0 || len(z) != 0 {
		t.Errorf("rows of no flows changed shape: w %v, g2 %v, z %v", w, g2, z)
	}
}

package nlu

// The training kernels: the router's AdaGrad step on the rows of a
// sample's features and a sample's logits, and the learned crisis
// signal's step (binaryStep). The weights of one feature are a row of
// stride floats, its flows' weights first. On amd64 with AVX
// (kernel_amd64.s) a row is a whole number of 8-float blocks and the
// kernels work on 8 weights at once, with the very same operations on
// each (no fused multiply-add), so the weights are byte-identical to these
// Go loops, which are the reference (TestKernels) and run everywhere else.
// The square root and the division of each AdaGrad step are most of a
// load's CPU time; 8 at once cost about what one did. The explicit
// float32 conversions keep a compiler from fusing a multiply and an add
// (arm64 and GOAMD64=v3 would), so that builds agree.

// rowStride is the length of the row of nc flows' weights.
func rowStride(nc int) int {
	if useAVX {
		return (nc + 7) &^ 7
	}
	return nc
}

// adaStep applies one AdaGrad step with gradient grad (by flow; a padded
// row's extra flows have 0) to the row of each feature ids[j], whose value
// is vals[j]; g2 holds the sums of squared gradients, laid out as w. The
// ids are distinct and below len(w)/stride (checkSamples).
func adaStep(w, g2 []float32, stride int, ids []int32, vals []float32, grad []float32, l2, rate float32) {
	if useAVX {
		if checkShape(len(w), len(g2), stride, ids, vals, len(grad)) {
			return
		}
		adaStepAVX(w, g2, stride, ids, vals, grad, l2, rate)
		return
	}
	adaStepGo(w, g2, stride, ids, vals, grad, l2, rate)
}

func adaStepGo(w, g2 []float32, stride int, ids []int32, vals []float32, grad []float32, l2, rate float32) {
	const eps = 1e-6
	vals = vals[:len(ids)]
	for j, id := range ids {
		x := vals[j]
		o := int(id) * stride
		row := w[o : o+len(grad)]
		rg := g2[o : o+len(grad)]
		for c, g := range grad {
			gc := float32(g*x) + float32(l2*row[c])
			rg[c] += float32(gc * gc)
			row[c] -= float32(rate*gc) / sqrt32(rg[c]+eps)
		}
	}
}

// scoreRows adds the sample's share of each flow's logit to z (by flow,
// len(z) flows; z holds the biases). The ids are below len(w)/stride
// (checkSamples).
func scoreRows(w []float32, stride int, ids []int32, vals []float32, z []float32) {
	if useAVX {
		if checkShape(len(w), len(w), stride, ids, vals, len(z)) {
			return
		}
		scoreRowsAVX(w, stride, ids, vals, z)
		return
	}
	scoreRowsGo(w, stride, ids, vals, z)
}

func scoreRowsGo(w []float32, stride int, ids []int32, vals []float32, z []float32) {
	vals = vals[:len(ids)]
	for j, id := range ids {
		x := vals[j]
		o := int(id) * stride
		row := w[o : o+len(z)]
		for c := range z {
			z[c] += float32(x * row[c])
		}
	}
}

// checkShape panics where the assembly kernels would step out of their
// slices, but for the ids, which checkSamples checked. It reports rows of
// no flows (stride 0), which are no work: the kernels must not be called
// with them, as they test their count of 8-float blocks only after the
// first block, and would run on past the end of their slices.
func checkShape(nw, ng2, stride int, ids []int32, vals []float32, n int) (empty bool) {
	if stride < 0 || stride%8 != 0 || n != stride || len(vals) < len(ids) || ng2 < nw {
		panic("nlu: kernel rows out of shape")
	}
	return stride == 0
}

// checkSamples panics unless every sample's feature ids are distinct and
// below nFeat. The kernels rely on it (they check no id: assembly has no
// bounds checks, and a repeated id would be stepped from a stale value);
// fit and fitBinary call it once, not once a step.
func checkSamples(samples []sample, nFeat int) {
	seen := make([]int32, nFeat) // 1 + the last sample that had the feature
	for i, s := range samples {
		if len(s.vals) < len(s.ids) {
			panic("nlu: a training sample has fewer values than features")
		}
		for _, id := range s.ids {
			if id < 0 || int(id) >= nFeat {
				panic("nlu: a training sample's feature id is out of range")
			}
			if seen[id] == int32(i)+1 {
				panic("nlu: a training sample has a feature twice")
			}
			seen[id] = int32(i) + 1
		}
	}
}

// binaryStep applies one AdaGrad step with gradient grad to the weight of
// each feature ids[j], whose value is vals[j] (fitBinary's). The ids are
// distinct and below len(st) (checkSamples).
func binaryStep(st []adaState, ids []int32, vals []float32, grad, l2, rate float32) {
	if useAVX {
		vals = vals[:len(ids)]
		n := len(ids) &^ 7
		binaryStepAVX(st, ids[:n], vals[:n], grad, l2, rate)
		ids, vals = ids[n:], vals[n:]
	}
	binaryStepGo(st, ids, vals, grad, l2, rate)
}

func binaryStepGo(st []adaState, ids []int32, vals []float32, grad, l2, rate float32) {
	const eps = 1e-6
	vals = vals[:len(ids)]
	for j, id := range ids {
		a := &st[id]
		gc := float32(grad*vals[j]) + float32(l2*a.u)
		a.g2 += float32(gc * gc)
		a.u -= float32(rate*gc) / sqrt32(a.g2+eps)
	}
}

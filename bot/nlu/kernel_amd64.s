//go:build amd64 && !purego

#include "textflag.h"

DATA eps<>+0(SB)/4, $0x358637bd // float32(1e-6)
GLOBL eps<>(SB), RODATA|NOPTR, $4

// func hasAVX() bool
TEXT ·hasAVX(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	// ECX bit 27: OSXSAVE, bit 28: AVX.
	ANDL $0x18000000, CX
	CMPL CX, $0x18000000
	JNE  no
	// XCR0 bits 1 and 2: the OS saves the xmm and ymm registers.
	XORL CX, CX
	XGETBV
	ANDL $6, AX
	CMPL AX, $6
	JNE  no
	MOVB $1, ret+0(FP)
	RET
no:
	MOVB $0, ret+0(FP)
	RET

// func adaStepAVX(w, g2 []float32, stride int, ids []int32, vals []float32, grad []float32, l2, rate float32)
// For each feature j, on its row (stride floats, 8 at a time), as adaStepGo:
//   gc = grad*x + l2*row; rg += gc*gc; row -= rate*gc / sqrt(rg+eps)
TEXT ·adaStepAVX(SB), NOSPLIT, $0-136
	MOVQ w_base+0(FP), DI
	MOVQ g2_base+24(FP), SI
	MOVQ stride+48(FP), R8
	MOVQ ids_base+56(FP), R9
	MOVQ ids_len+64(FP), CX
	MOVQ vals_base+80(FP), R10
	MOVQ grad_base+104(FP), R11
	VBROADCASTSS l2+128(FP), Y6
	VBROADCASTSS rate+132(FP), Y7
	VBROADCASTSS eps<>(SB), Y8
	TESTQ CX, CX
	JZ   adadone
	SHLQ $2, R8 // row length in bytes

adafeat:
	MOVLQSX (R9), AX
	IMULQ R8, AX
	LEAQ (DI)(AX*1), R12 // row
	LEAQ (SI)(AX*1), R13 // rg
	VBROADCASTSS (R10), Y5 // x
	MOVQ R11, R14 // grad
	MOVQ R8, DX

adablock:
	VMOVUPS (R14), Y0
	VMULPS  Y5, Y0, Y0 // grad*x
	VMOVUPS (R12), Y1  // row
	VMULPS  Y1, Y6, Y2 // l2*row
	VADDPS  Y2, Y0, Y0 // gc
	VMULPS  Y0, Y0, Y2 // gc*gc
	VMOVUPS (R13), Y3
	VADDPS  Y2, Y3, Y3 // rg += gc*gc
	VMOVUPS Y3, (R13)
	VADDPS  Y8, Y3, Y3 // rg+eps
	VSQRTPS Y3, Y3
	VMULPS  Y0, Y7, Y0 // rate*gc
	VDIVPS  Y3, Y0, Y0 // rate*gc / sqrt(rg+eps)
	VSUBPS  Y0, Y1, Y1 // row -= …
	VMOVUPS Y1, (R12)
	ADDQ $32, R12
	ADDQ $32, R13
	ADDQ $32, R14
	SUBQ $32, DX
	JNZ  adablock

	ADDQ $4, R9
	ADDQ $4, R10
	DECQ CX
	JNZ  adafeat

adadone:
	VZEROUPPER
	RET

// func scoreRowsAVX(w []float32, stride int, ids []int32, vals []float32, z []float32)
// For each feature j, as scoreRowsGo: z += x * row.
TEXT ·scoreRowsAVX(SB), NOSPLIT, $0-104
	MOVQ w_base+0(FP), DI
	MOVQ stride+24(FP), R8
	MOVQ ids_base+32(FP), R9
	MOVQ ids_len+40(FP), CX
	MOVQ vals_base+56(FP), R10
	MOVQ z_base+80(FP), R11
	TESTQ CX, CX
	JZ   scoredone
	SHLQ $2, R8

scorefeat:
	MOVLQSX (R9), AX
	IMULQ R8, AX
	LEAQ (DI)(AX*1), R12
	VBROADCASTSS (R10), Y5
	MOVQ R11, R14
	MOVQ R8, DX

scoreblock:
	VMOVUPS (R12), Y0
	VMULPS  Y5, Y0, Y0 // x*row
	VMOVUPS (R14), Y1
	VADDPS  Y0, Y1, Y1 // z += x*row
	VMOVUPS Y1, (R14)
	ADDQ $32, R12
	ADDQ $32, R14
	SUBQ $32, DX
	JNZ  scoreblock

	ADDQ $4, R9
	ADDQ $4, R10
	DECQ CX
	JNZ  scorefeat

scoredone:
	VZEROUPPER
	RET

// func binaryStepAVX(st []adaState, ids []int32, vals []float32, grad, l2, rate float32)
// For the features ids[0:len(ids)&^7], 8 at a time, as binaryStepGo:
//   gc = grad*x + l2*u; g2 += gc*gc; u -= rate*gc / sqrt(g2+eps)
// The 8 (u, g2) pairs are loaded by hand (the ids of one sample are
// distinct), split into a vector of u and one of g2, and stored back.
TEXT ·binaryStepAVX(SB), NOSPLIT, $0-84
	MOVQ st_base+0(FP), DI
	MOVQ ids_base+24(FP), R9
	MOVQ ids_len+32(FP), CX
	MOVQ vals_base+48(FP), R10
	VBROADCASTSS grad+72(FP), Y5
	VBROADCASTSS l2+76(FP), Y6
	VBROADCASTSS rate+80(FP), Y7
	VBROADCASTSS eps<>(SB), Y8
	SHRQ $3, CX
	JZ   bindone

binblock:
	MOVLQSX 0(R9), AX
	MOVLQSX 4(R9), BX
	MOVLQSX 8(R9), DX
	MOVLQSX 12(R9), SI
	MOVLQSX 16(R9), R8
	MOVLQSX 20(R9), R11
	MOVLQSX 24(R9), R12
	MOVLQSX 28(R9), R13
	// X0 = u0 g0 u1 g1, X1 = u2 g2 u3 g3, X2 = u4 g4 u5 g5, X3 = u6 g6 u7 g7
	VMOVSD  (DI)(AX*8), X0
	VMOVHPS (DI)(BX*8), X0, X0
	VMOVSD  (DI)(DX*8), X1
	VMOVHPS (DI)(SI*8), X1, X1
	VMOVSD  (DI)(R8*8), X2
	VMOVHPS (DI)(R11*8), X2, X2
	VMOVSD  (DI)(R12*8), X3
	VMOVHPS (DI)(R13*8), X3, X3
	VINSERTF128 $1, X2, Y0, Y0 // u0 g0 u1 g1 | u4 g4 u5 g5
	VINSERTF128 $1, X3, Y1, Y1 // u2 g2 u3 g3 | u6 g6 u7 g7
	VSHUFPS $0x88, Y1, Y0, Y2  // u0 u1 u2 u3 | u4 u5 u6 u7
	VSHUFPS $0xDD, Y1, Y0, Y3  // g0 … g7
	VMOVUPS (R10), Y4          // x
	VMULPS  Y4, Y5, Y4         // grad*x
	VMULPS  Y2, Y6, Y0         // l2*u
	VADDPS  Y0, Y4, Y4         // gc
	VMULPS  Y4, Y4, Y0         // gc*gc
	VADDPS  Y0, Y3, Y3         // g2 += gc*gc
	VADDPS  Y8, Y3, Y0         // g2+eps
	VSQRTPS Y0, Y0
	VMULPS  Y4, Y7, Y4         // rate*gc
	VDIVPS  Y0, Y4, Y4         // rate*gc / sqrt(g2+eps)
	VSUBPS  Y4, Y2, Y2         // u -= …
	VUNPCKLPS Y3, Y2, Y0       // u0 g0 u1 g1 | u4 g4 u5 g5
	VUNPCKHPS Y3, Y2, Y1       // u2 g2 u3 g3 | u6 g6 u7 g7
	VMOVLPS X0, (DI)(AX*8)
	VMOVHPS X0, (DI)(BX*8)
	VMOVLPS X1, (DI)(DX*8)
	VMOVHPS X1, (DI)(SI*8)
	VEXTRACTF128 $1, Y0, X0
	VEXTRACTF128 $1, Y1, X1
	VMOVLPS X0, (DI)(R8*8)
	VMOVHPS X0, (DI)(R11*8)
	VMOVLPS X1, (DI)(R12*8)
	VMOVHPS X1, (DI)(R13*8)
	ADDQ $32, R9
	ADDQ $32, R10
	DECQ CX
	JNZ  binblock

bindone:
	VZEROUPPER
	RET

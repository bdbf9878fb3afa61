package forecast

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// average combines a window of yearly ratios, oldest first, into one
// ratio by the chosen method. w is scratch space of at least len(x); the
// result is NaN when x is empty.
//
// All three methods are weighted means (stat.Mean): the plain mean has
// equal weights, the linear one weights 1…n, and exponential smoothing
// s₁ = x₁, sᵢ = α·xᵢ + (1−α)·sᵢ₋₁ unrolls to weights (1−α)ⁿ⁻¹ for x₁ and
// α·(1−α)ⁿ⁻ⁱ for xᵢ, i ≥ 2, which sum to 1.
func average(x []float64, m Method, alpha float64, w []float64) float64 {
	n := len(x)
	if n == 0 {
		return math.NaN()
	}
	switch m {
	case MethodWeighted:
		w = w[:n]
		for i := range w {
			w[i] = float64(i + 1)
		}
		return stat.Mean(x, w)
	case MethodSmooth:
		w = w[:n]
		keep := 1.0 // (1−α)^(n−i) built from the newest backwards
		for i := n - 1; i >= 1; i-- {
			w[i] = alpha * keep
			keep *= 1 - alpha
		}
		w[0] = keep
		return stat.Mean(x, w)
	}
	return stat.Mean(x, nil)
}

// roundHalfUp rounds a non-negative pupil count to the nearest whole
// pupil, halves up (110.5 → 111).
func roundHalfUp(x float64) float64 { return math.Floor(x + 0.5) }

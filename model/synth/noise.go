package synth

import "math"

// hash64 mixes the seed with integer keys (splitmix64 finaliser). It gives
// noise that depends only on where it is used — a lattice vertex, a zone and
// year — not on the order in which the generator asks, so changing one step
// does not reshuffle every later number.
func hash64(seed uint64, keys ...int) uint64 {
	h := seed ^ 0x9e3779b97f4a7c15
	for _, k := range keys {
		h ^= uint64(k) + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
		h = mix64(h)
	}
	return mix64(h)
}

func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// unit returns a float in [0, 1) from the hash of keys.
func unit(seed uint64, keys ...int) float64 {
	return float64(hash64(seed, keys...)>>11) / (1 << 53)
}

// signed returns a float in [−1, 1) from the hash of keys.
func signed(seed uint64, keys ...int) float64 { return 2*unit(seed, keys...) - 1 }

// gauss returns a standard normal deviate from the hash of keys (Box–Muller).
func gauss(seed uint64, keys ...int) float64 {
	h := hash64(seed, keys...)
	u1 := float64(mix64(h^1)>>11) / (1 << 53)
	u2 := float64(mix64(h^2)>>11) / (1 << 53)
	if u1 < 1e-12 {
		u1 = 1e-12
	}
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}

// Salts keep the hash streams of different purposes apart.
const (
	saltVertex = iota + 1
	saltEdgeH
	saltEdgeV
	saltSplit
	saltBirths
	saltRatio
	saltEntrants
	saltPop
	saltClass
	saltHousing
)

package assign

// claim offers zone to school at a cost change (pupil-metres).
type claim struct {
	cost   float64
	zone   int32
	school int32
}

// claimHeap is a binary min-heap of claims by cost.
type claimHeap struct{ items []claim }

func (h *claimHeap) len() int { return len(h.items) }

func (h *claimHeap) push(c claim) {
	h.items = append(h.items, c)
	for i := len(h.items) - 1; i > 0; {
		p := (i - 1) / 2
		if h.items[p].cost <= h.items[i].cost {
			break
		}
		h.items[p], h.items[i] = h.items[i], h.items[p]
		i = p
	}
}

func (h *claimHeap) pop() claim {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < last && h.items[l].cost < h.items[m].cost {
			m = l
		}
		if r := l + 1; r < last && h.items[r].cost < h.items[m].cost {
			m = r
		}
		if m == i {
			return top
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
}

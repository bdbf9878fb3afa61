package synth

import (
	"container/heap"
	"math"
)

// block is a rectangle of fine cells that becomes (part of) one zone.
type block struct {
	x, y, w, h int
}

func (b block) cells() int { return b.w * b.h }

func (b block) center() (float64, float64) {
	return float64(b.x) + float64(b.w)/2, float64(b.y) + float64(b.h)/2
}

// split halves a block across its longer side; squares pick a side from the
// hash so that the pattern does not line up.
func (b block) split(seed uint64) (block, block) {
	vertical := b.w > b.h || (b.w == b.h && unit(seed, saltSplit, b.x, b.y, b.w) < 0.5)
	if vertical {
		h := b.w / 2
		return block{b.x, b.y, h, b.h}, block{b.x + h, b.y, b.w - h, b.h}
	}
	h := b.h / 2
	return block{b.x, b.y, b.w, h}, block{b.x, b.y + h, b.w, b.h - h}
}

// partition cuts the lattice into exactly target blocks (fewer only when
// the lattice cannot hold that many). It starts from the 4×4 super cells,
// first splits every block that holds river cells until the river cells
// stand alone (they are dropped), then repeatedly splits the block with the
// most people — density × cells with a little noise — so the core ends in
// single cells and the outskirts stay large.
func partition(l *lattice, seed uint64, target int) []block {
	var out []block
	var stack []block
	for y := 0; y < l.ny; y += superCell {
		for x := 0; x < l.nx; x += superCell {
			stack = append(stack, block{x, y, superCell, superCell})
		}
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		river := 0
		for j := b.y; j < b.y+b.h; j++ {
			for i := b.x; i < b.x+b.w; i++ {
				if l.isRiver(i, j) {
					river++
				}
			}
		}
		switch {
		case river == 0:
			out = append(out, b)
		case b.cells() == 1:
			// a river cell: no zone
		default:
			p, q := b.split(seed)
			stack = append(stack, q, p)
		}
	}
	h := &blockHeap{}
	for _, b := range out {
		h.push(l, seed, b)
	}
	heap.Init(h)
	var done []block
	count := len(out)
	for count < target && h.Len() > 0 {
		b := heap.Pop(h).(prioBlock).b
		p, q := b.split(seed)
		count++
		for _, c := range []block{p, q} {
			if c.cells() > 1 {
				heap.Push(h, h.item(l, seed, c))
			} else {
				done = append(done, c)
			}
		}
	}
	for _, it := range h.items {
		done = append(done, it.b)
	}
	for _, b := range out {
		if b.cells() == 1 {
			done = append(done, b)
		}
	}
	return done
}

type prioBlock struct {
	b    block
	prio float64
}

type blockHeap struct{ items []prioBlock }

func (h *blockHeap) item(l *lattice, seed uint64, b block) prioBlock {
	x, y := b.center()
	d, _, _, _ := l.density(x, y)
	noise := math.Exp(0.25 * signed(seed, saltSplit, b.x, b.y, b.w, b.h))
	return prioBlock{b, d * float64(b.cells()) * noise}
}

func (h *blockHeap) push(l *lattice, seed uint64, b block) {
	if b.cells() > 1 {
		h.items = append(h.items, h.item(l, seed, b))
	}
}

func (h *blockHeap) Len() int { return len(h.items) }
func (h *blockHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if a.prio != b.prio {
		return a.prio > b.prio
	}
	if a.b.y != b.b.y {
		return a.b.y < b.b.y
	}
	return a.b.x < b.b.x
}
func (h *blockHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *blockHeap) Push(x any)    { h.items = append(h.items, x.(prioBlock)) }
func (h *blockHeap) Pop() any {
	n := len(h.items) - 1
	it := h.items[n]
	h.items = h.items[:n]
	return it
}

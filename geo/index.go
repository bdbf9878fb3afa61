package geo

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

const nodeSize = 16

// Index is a static R-tree over bounding boxes, packed with the
// Sort-Tile-Recursive algorithm (Leutenegger et al. 1997): built once in
// O(n log n), then answers box queries in O(log n + k). Items are referred
// to by their position in the slice given to NewIndex.
type Index struct {
	// levels[0] are leaves over items; levels[k] nodes span ranges of
	// levels[k-1]. The last level has one node, the root.
	levels [][]indexNode
	items  []int32     // item ids in leaf order
	boxes  []orb.Bound // item bounds in leaf order
}

type indexNode struct {
	b          orb.Bound
	start, end int32 // child range in the level below (or in items for leaves)
}

// NewIndex packs the bounds into a tree. Empty input gives an index that
// finds nothing.
func NewIndex(bounds []orb.Bound) *Index {
	ix := &Index{}
	n := len(bounds)
	if n == 0 {
		return ix
	}
	ids := make([]int32, n)
	for i := range ids {
		ids[i] = int32(i)
	}
	center := func(b orb.Bound, d int) float64 { return (b.Min[d] + b.Max[d]) / 2 }
	strSort(ids, func(i int32, d int) float64 { return center(bounds[i], d) })
	ix.items = ids
	ix.boxes = make([]orb.Bound, n)
	for k, id := range ids {
		ix.boxes[k] = bounds[id]
	}
	// Leaves.
	level := make([]indexNode, 0, (n+nodeSize-1)/nodeSize)
	for s := 0; s < n; s += nodeSize {
		e := min(s+nodeSize, n)
		b := ix.boxes[s]
		for _, x := range ix.boxes[s+1 : e] {
			b = b.Union(x)
		}
		level = append(level, indexNode{b, int32(s), int32(e)})
	}
	ix.levels = append(ix.levels, level)
	for len(level) > 1 {
		// Re-sort the nodes of this level by STR too, then group them.
		order := make([]int32, len(level))
		for i := range order {
			order[i] = int32(i)
		}
		lv := level
		strSort(order, func(i int32, d int) float64 { return center(lv[i].b, d) })
		sorted := make([]indexNode, len(level))
		for k, i := range order {
			sorted[k] = level[i]
		}
		ix.levels[len(ix.levels)-1] = sorted
		next := make([]indexNode, 0, (len(sorted)+nodeSize-1)/nodeSize)
		for s := 0; s < len(sorted); s += nodeSize {
			e := min(s+nodeSize, len(sorted))
			b := sorted[s].b
			for _, x := range sorted[s+1 : e] {
				b = b.Union(x.b)
			}
			next = append(next, indexNode{b, int32(s), int32(e)})
		}
		ix.levels = append(ix.levels, next)
		level = next
	}
	return ix
}

// strSort orders ids into vertical slices by x, each slice sorted by y.
func strSort(ids []int32, key func(i int32, d int) float64) {
	n := len(ids)
	sort.Slice(ids, func(a, b int) bool { return key(ids[a], 0) < key(ids[b], 0) })
	leaves := (n + nodeSize - 1) / nodeSize
	slices := int(math.Ceil(math.Sqrt(float64(leaves))))
	per := slices * nodeSize
	for s := 0; s < n; s += per {
		part := ids[s:min(s+per, n)]
		sort.Slice(part, func(a, b int) bool { return key(part[a], 1) < key(part[b], 1) })
	}
}

// Len is the number of indexed items.
func (ix *Index) Len() int { return len(ix.items) }

// Search calls fn with the id of every item whose bound intersects b, until
// fn returns false.
func (ix *Index) Search(b orb.Bound, fn func(id int) bool) {
	if len(ix.levels) == 0 {
		return
	}
	top := len(ix.levels) - 1
	root := ix.levels[top][0]
	if root.b.Intersects(b) {
		ix.search(top, root, b, fn)
	}
}

func (ix *Index) search(level int, n indexNode, b orb.Bound, fn func(int) bool) bool {
	if level == 0 {
		for k := n.start; k < n.end; k++ {
			if ix.boxes[k].Intersects(b) && !fn(int(ix.items[k])) {
				return false
			}
		}
		return true
	}
	for _, c := range ix.levels[level-1][n.start:n.end] {
		if c.b.Intersects(b) && !ix.search(level-1, c, b, fn) {
			return false
		}
	}
	return true
}

// PolygonIndex answers "which zone contains this point" and "which zones
// touch this box" for a fixed set of lon/lat multipolygons.
type PolygonIndex struct {
	polys []orb.MultiPolygon
	ix    *Index
}

// NewPolygonIndex indexes polys by their bounds. polys is kept, not copied.
func NewPolygonIndex(polys []orb.MultiPolygon) *PolygonIndex {
	bounds := make([]orb.Bound, len(polys))
	for i, p := range polys {
		bounds[i] = p.Bound()
	}
	return &PolygonIndex{polys: polys, ix: NewIndex(bounds)}
}

// Locate returns the index of the first polygon containing p (boundary
// included), or -1.
func (pi *PolygonIndex) Locate(p orb.Point) int {
	found := -1
	pi.ix.Search(orb.Bound{Min: p, Max: p}, func(i int) bool {
		if Contains(pi.polys[i], p) {
			found = i
			return false
		}
		return true
	})
	return found
}

// InRect returns the indices (ascending) of polygons whose bounding box
// intersects b — a fast, conservative pre-filter for drawing and selection.
func (pi *PolygonIndex) InRect(b orb.Bound) []int {
	var out []int
	pi.ix.Search(b, func(i int) bool { out = append(out, i); return true })
	sort.Ints(out)
	return out
}

package geo

// treap is a balanced binary search tree (random priorities) of segment
// ids ordered by a caller's comparison, with parent links so that a
// node's neighbours and its removal need no comparisons: the status
// structure of a plane sweep, where only insertion compares.
type treap struct {
	root *tnode
	seed uint64
}

type tnode struct {
	id                  int32
	prio                uint64
	left, right, parent *tnode
}

func (t *treap) rand() uint64 {
	// xorshift64*: cheap and good enough for balancing.
	t.seed ^= t.seed >> 12
	t.seed ^= t.seed << 25
	t.seed ^= t.seed >> 27
	return t.seed * 2685821657736338717
}

// insert adds node n (its id set, its links clear) at the place where
// below(other) — "n goes below other" — switches from false to true
// along the order.
func (t *treap) insert(n *tnode, below func(other int32) bool) {
	if t.seed == 0 {
		t.seed = 0x9E3779B97F4A7C15
	}
	n.prio = t.rand()
	if t.root == nil {
		t.root = n
		return
	}
	cur := t.root
	for {
		if below(cur.id) {
			if cur.left == nil {
				cur.left, n.parent = n, cur
				break
			}
			cur = cur.left
		} else {
			if cur.right == nil {
				cur.right, n.parent = n, cur
				break
			}
			cur = cur.right
		}
	}
	for n.parent != nil && n.parent.prio < n.prio {
		t.rotateUp(n)
	}
}

// rotateUp moves n above its parent, keeping the order.
func (t *treap) rotateUp(n *tnode) {
	p, g := n.parent, n.parent.parent
	if p.left == n {
		p.left = n.right
		if n.right != nil {
			n.right.parent = p
		}
		n.right = p
	} else {
		p.right = n.left
		if n.left != nil {
			n.left.parent = p
		}
		n.left = p
	}
	p.parent, n.parent = n, g
	switch {
	case g == nil:
		t.root = n
	case g.left == p:
		g.left = n
	default:
		g.right = n
	}
}

func (t *treap) remove(n *tnode) {
	for n.left != nil && n.right != nil {
		c := n.left
		if n.right.prio > c.prio {
			c = n.right
		}
		t.rotateUp(c)
	}
	c := n.left
	if c == nil {
		c = n.right
	}
	if c != nil {
		c.parent = n.parent
	}
	switch {
	case n.parent == nil:
		t.root = c
	case n.parent.left == n:
		n.parent.left = c
	default:
		n.parent.right = c
	}
	n.parent, n.left, n.right = nil, nil, nil
}

// next is the node after n in the order (above it), or nil.
func (n *tnode) next() *tnode {
	if n.right != nil {
		n = n.right
		for n.left != nil {
			n = n.left
		}
		return n
	}
	for n.parent != nil && n.parent.right == n {
		n = n.parent
	}
	return n.parent
}

// prev is the node before n (below it), or nil.
func (n *tnode) prev() *tnode {
	if n.left != nil {
		n = n.left
		for n.right != nil {
			n = n.right
		}
		return n
	}
	for n.parent != nil && n.parent.left == n {
		n = n.parent
	}
	return n.parent
}

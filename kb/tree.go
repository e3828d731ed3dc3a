package kb

import "slices"

// Node is one record in a tree of instruments: an agreement, or a theme
// at the top of the families it holds, and the agreements under it, by
// their parent links.
type Node struct {
	Ref             // the theme or agreement
	Parent   string // the id of the node above; "" at the top
	Depth    int    // 0 at the top
	Children []Node // in adoption order
}

// family holds what building trees needs: every agreement's index by id
// and the children of each, in adoption order.
type family struct {
	k        *KB
	byID     map[string]int
	children map[string][]int
}

func (k *KB) family() *family {
	f := &family{k: k, byID: make(map[string]int, len(k.Agreements)), children: map[string][]int{}}
	for i, a := range k.Agreements {
		if _, dup := f.byID[a.ID]; !dup {
			f.byID[a.ID] = i
		}
	}
	for i, a := range k.Agreements {
		if _, ok := f.byID[a.Parent]; ok && a.Parent != a.ID {
			f.children[a.Parent] = append(f.children[a.Parent], i)
		}
	}
	for _, c := range f.children {
		k.SortByAdopted(c)
	}
	return f
}

// parent returns the index of agreement i's parent.
func (f *family) parent(i int) (int, bool) {
	p, ok := f.byID[f.k.Agreements[i].Parent]
	return p, ok && p != i
}

// root follows parent links up from i; a loop (which validation refuses)
// ends the way up where it closes.
func (f *family) root(i int) int {
	seen := map[int]bool{i: true}
	for {
		p, ok := f.parent(i)
		if !ok || seen[p] {
			return i
		}
		seen[p] = true
		i = p
	}
}

// below returns agreement i's node with all its descendants.
func (f *family) below(i int, parent string, depth int, seen map[int]bool) Node {
	seen[i] = true
	n := Node{Ref: Ref{KindAgreement, i}, Parent: parent, Depth: depth}
	for _, c := range f.children[f.k.Agreements[i].ID] {
		if !seen[c] {
			n.Children = append(n.Children, f.below(c, f.k.Agreements[i].ID, depth+1, seen))
		}
	}
	return n
}

// Family returns agreement i's family: its ancestors up to the root, each
// holding only the next one down, then i with all its descendants.
func (k *KB) Family(i int) Node {
	f := k.family()
	path := []int{i} // from i up to the root
	seen := map[int]bool{i: true}
	for p, ok := f.parent(i); ok && !seen[p]; p, ok = f.parent(p) {
		seen[p] = true
		path = append(path, p)
	}
	slices.Reverse(path)
	var build func(j int, parent string) Node
	build = func(j int, parent string) Node {
		if j == len(path)-1 {
			return f.below(i, parent, j, map[int]bool{})
		}
		id := k.Agreements[path[j]].ID
		return Node{Ref: Ref{KindAgreement, path[j]}, Parent: parent, Depth: j,
			Children: []Node{build(j+1, id)}}
	}
	return build(0, "")
}

// ThemeFamilies returns theme t with the families that have an agreement
// in it, whole, from their roots, in the roots' adoption order.
func (k *KB) ThemeFamilies(t int) Node {
	f := k.family()
	id := k.Themes[t].ID
	var roots []int
	for i, a := range k.Agreements {
		if slices.Contains(a.Themes, id) {
			if r := f.root(i); !slices.Contains(roots, r) {
				roots = append(roots, r)
			}
		}
	}
	return f.themeNode(t, roots)
}

// Forest returns every theme, in data order, with the families whose root
// lists that theme first: each agreement appears once, in the family of
// its root, under its root's first theme.
func (k *KB) Forest() []Node {
	f := k.family()
	roots := map[string][]int{}
	for i, a := range k.Agreements {
		if _, ok := f.parent(i); !ok && len(a.Themes) > 0 {
			roots[a.Themes[0]] = append(roots[a.Themes[0]], i)
		}
	}
	out := make([]Node, len(k.Themes))
	for t, th := range k.Themes {
		out[t] = f.themeNode(t, roots[th.ID])
	}
	return out
}

func (f *family) themeNode(t int, roots []int) Node {
	f.k.SortByAdopted(roots)
	id := f.k.Themes[t].ID
	n := Node{Ref: Ref{KindTheme, t}}
	seen := map[int]bool{}
	for _, r := range roots {
		n.Children = append(n.Children, f.below(r, id, 1, seen))
	}
	return n
}

// Prune returns the nodes with only the agreements keep accepts and the
// agreements above them, which show where those hang: a subtree without
// one is dropped, and so is a theme left without agreements. Depths and
// parents stay those of the whole tree.
func Prune(nodes []Node, keep func(Ref) bool) []Node {
	var out []Node
	for _, n := range nodes {
		kids := Prune(n.Children, keep)
		if len(kids) > 0 || (n.Kind == KindAgreement && keep(n.Ref)) {
			n.Children = kids
			out = append(out, n)
		}
	}
	return out
}

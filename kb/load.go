package kb

import (
	"os"
	"slices"
)

// LoadOptions are what loading takes from outside the data.
type LoadOptions struct {
	Today Date   // as_of may not be later; see Validate
	Cache *Cache // decoded files kept between runs; nil for none
	// Trust lets a run that reports no warnings skip validation when the
	// cache holds a marker left by this same binary, on this same day, for
	// these same inputs (every byte of them, in this order) found valid.
	Trust bool
	// Decoding, when set, is called with the size of each input about to
	// be decoded from TOML (not read back from the cache).
	Decoding func(bytes int)
}

// Load decodes every input, merges them in order and validates the result.
// A syntax error stops loading and is returned as the error. Otherwise every
// problem of every file is returned, errors and warnings, each with its
// file and line: an unknown key or a wrong type is one problem among the
// others. err is the Problems' errors when there is at least one. The KB is
// returned even when it has problems, so that validate can report on it.
//
// Each input is used as read: hashing, decoding and validating all see the
// same bytes, and nothing is read twice.
func Load(inputs []Input, opt LoadOptions) (*KB, Problems, error) {
	if opt.Cache != nil {
		inputs = digested(inputs)
	}
	var parts []*KB
	var all Problems
	var seen []os.FileInfo
	var used []Input
	type decoded struct {
		in Input
		k  *KB
	}
	var fresh []decoded // large inputs decoded from TOML this run
	for _, in := range inputs {
		if in.Info != nil && sameFile(seen, in.Info) {
			continue // the same file named twice (or through a link) loads once
		}
		if in.Info != nil {
			seen = append(seen, in.Info)
		}
		part, ps, cached, err := opt.decode(in)
		if err != nil {
			return nil, nil, err
		}
		if !cached && opt.Cache != nil && len(in.Data) >= CacheMinBytes && len(ps) == 0 {
			fresh = append(fresh, decoded{in, part})
		}
		all = append(all, ps...)
		if len(part.Themes)+len(part.Agreements)+len(part.Crises)+len(part.SDGs) == 0 && len(ps) == 0 {
			all = append(all, Problem{File: in.Name, Message: "defines no themes, agreements, crises or SDGs", Warning: true})
		}
		part.files = []string{in.Name}
		parts = append(parts, part)
		used = append(used, in)
	}
	k := Merge(parts...)
	marker, marked := "", false
	if c := opt.Cache; c != nil && len(all) == 0 && large(used) {
		marker, marked = c.marker(used, opt.Today)
	}
	// The marker says these inputs were loaded, and found valid, before:
	// only then are their entries written, so that a file loaded once
	// costs no more than its decoding.
	again := marked && opt.Cache.valid(marker)
	if again {
		for _, d := range fresh {
			opt.Cache.store(d.in, d.k)
		}
	}
	if again && opt.Trust {
		return k, nil, nil
	}
	all = append(all, without(Validate(k, ValidateOptions{Today: opt.Today}), all)...)
	if marked && !again && len(all.Errors()) == 0 {
		opt.Cache.markValid(marker)
	}
	all.Sort()
	if errs := all.Errors(); len(errs) > 0 {
		return k, all, errs
	}
	return k, all, nil
}

// decode decodes one input, through the cache if there is one, and says
// whether its records came from the cache.
func (opt LoadOptions) decode(in Input) (*KB, Problems, bool, error) {
	if c := opt.Cache; c != nil && len(in.Data) >= CacheMinBytes {
		if k, ok := c.read(in); ok {
			return k, nil, true, nil
		}
	}
	if opt.Decoding != nil {
		opt.Decoding(len(in.Data))
	}
	k, ps, err := decode(in)
	return k, ps, false, err
}

// digested returns inputs with the digest of every one large enough to be
// cached, each computed once (reading a large file computes its own).
func digested(inputs []Input) []Input {
	out := slices.Clone(inputs)
	for i, in := range out {
		if in.sum == nil && len(in.Data) >= CacheMinBytes {
			d := digest(in.Data)
			out[i].sum = &d
		}
	}
	return out
}

// without drops the problems that repeat, at the same place, one that
// decoding already reported: a field of the wrong type is also missing.
func without(ps, decoded Problems) Problems {
	if len(decoded) == 0 {
		return ps
	}
	type place struct {
		file, entry string
		line        int
	}
	at := map[place]bool{}
	for _, p := range decoded {
		at[place{p.File, p.Entry, p.Line}] = true
	}
	out := ps[:0:0]
	for _, p := range ps {
		if !at[place{p.File, p.Entry, p.Line}] {
			out = append(out, p)
		}
	}
	return out
}

// large reports whether an input is large enough to be cached, which is
// when a validation marker pays.
func large(ins []Input) bool {
	for _, in := range ins {
		if len(in.Data) >= CacheMinBytes {
			return true
		}
	}
	return false
}

func sameFile(seen []os.FileInfo, fi os.FileInfo) bool {
	for _, s := range seen {
		if os.SameFile(s, fi) {
			return true
		}
	}
	return false
}

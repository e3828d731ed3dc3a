package kb

import (
	"errors"
	"os"
)

// Load decodes every input, merges them in order and validates the result.
// A syntax error stops loading and is returned as the error. Otherwise every
// problem of every file is returned, errors and warnings; err is the
// Problems' errors when there is at least one. The KB is returned even when
// it has problems, so that validate can report on it.
func Load(inputs []Input, opt ValidateOptions) (*KB, Problems, error) {
	return LoadWith(inputs, opt, Decode)
}

// LoadWith is Load with another decoder, such as one that keeps decoded
// files in a cache.
func LoadWith(inputs []Input, opt ValidateOptions, decode func(Input) (*KB, error)) (*KB, Problems, error) {
	var parts []*KB
	var all Problems
	var seen []os.FileInfo
	for _, in := range inputs {
		if in.Info != nil && sameFile(seen, in.Info) {
			continue // the same file named twice (or through a link) loads once
		}
		if in.Info != nil {
			seen = append(seen, in.Info)
		}
		part, err := decode(in)
		var ps Problems
		switch {
		case errors.As(err, &ps):
			all = append(all, ps...)
			continue
		case err != nil:
			return nil, nil, err
		}
		if len(part.Themes)+len(part.Agreements)+len(part.Crises)+len(part.SDGs) == 0 {
			all = append(all, Problem{File: in.Name, Message: "defines no themes, agreements, crises or SDGs", Warning: true})
		}
		part.files = []string{in.Name} // also for a part that came from a cache
		parts = append(parts, part)
	}
	k := Merge(parts...)
	if len(all.Errors()) == 0 && !opt.Trusted {
		all = append(all, Validate(k, opt)...)
	}
	all.Sort()
	if errs := all.Errors(); len(errs) > 0 {
		return k, all, errs
	}
	return k, all, nil
}

func sameFile(seen []os.FileInfo, fi os.FileInfo) bool {
	for _, s := range seen {
		if os.SameFile(s, fi) {
			return true
		}
	}
	return false
}

package builtin

import (
	"bytes"
	"os"
	"testing"

	"envcoop/kb"
	snap "envcoop/kb/builtin/internal/snapshot"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func load(t *testing.T) *kb.KB {
	t.Helper()
	data, err := os.ReadFile("../../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	k, err := snap.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestSnapshotIsCurrent fails when builtin_gen.go does not hold exactly what
// themes.toml holds; 'go generate ./kb/builtin' regenerates it.
func TestSnapshotIsCurrent(t *testing.T) {
	k := load(t)
	src, err := snap.Generate(k)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("builtin_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, src) {
		t.Fatal("builtin_gen.go is stale against themes.toml: run 'go generate ./kb/builtin'")
	}
	if diff := cmp.Diff(k, KB(), cmpopts.IgnoreUnexported(kb.KB{})); diff != "" {
		t.Errorf("snapshot differs from themes.toml (-toml +snapshot):\n%s", diff)
	}
}

package commands

import (
	"bytes"
	"os"
	"testing"
)

// TestManPageIsCurrent fails when docs/envcoop.1 is not the page the
// command definitions make; 'go generate ./commands' regenerates it.
func TestManPageIsCurrent(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Run(Env{Args: []string{"envcoop", "man"}, Stdout: &out, Stderr: &errb}); code != ExitOK {
		t.Fatalf("envcoop man: exit %d: %s", code, errb.String())
	}
	have, err := os.ReadFile("../docs/envcoop.1")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, out.Bytes()) {
		t.Fatal("docs/envcoop.1 is stale against the command definitions: run 'go generate ./commands'")
	}
}

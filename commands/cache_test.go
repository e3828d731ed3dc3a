package commands

import (
	"encoding/binary"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The running binary is known by the build ID the Go toolchain wrote into
// it, as `go tool buildid` reads it.
func TestExecutableIDIsTheGoBuildID(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to read the build ID with")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(goTool, "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	want := "go build ID " + strings.TrimSpace(string(out))
	got, err := executableID()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("executableID = %q, want %q", got, want)
	}
}

func TestGoBuildID(t *testing.T) {
	note := func(name string, typ uint32, desc string) []byte {
		var b []byte
		b = binary.LittleEndian.AppendUint32(b, uint32(len(name)))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(desc)))
		b = binary.LittleEndian.AppendUint32(b, typ)
		b = append(b, name...)
		return append(b, desc...)
	}
	elf := []byte("\x7fELF\x02\x01\x01\x00")
	id := "gHTHzOM-O08Aibdtnskx/cgBfo81rWETauLYXy4bs/fw5V_Hti1RecYuqUAY4x/qFiBcHE8XGVGEgkroHpE"
	cat := func(parts ...[]byte) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, p...)
		}
		return b
	}
	for _, tt := range []struct {
		name string
		head []byte
		want string
	}{
		{"note", cat(elf, make([]byte, 100), note("Go\x00\x00", 4, id)), id},
		{"after another note", cat(elf, note("GNU\x00", 3, "0123456789abcdef0123"), note("Go\x00\x00", 4, id)), id},
		{"not ELF", cat([]byte("MZ\x90\x00"), note("Go\x00\x00", 4, id)), ""},
		{"big-endian ELF", cat([]byte("\x7fELF\x02\x02\x01\x00"), note("Go\x00\x00", 4, id)), ""},
		{"no note", cat(elf, make([]byte, 4096)), ""},
		{"empty build ID", cat(elf, note("Go\x00\x00", 4, "")), ""},
		{"not the toolchain's form", cat(elf, note("Go\x00\x00", 4, "my build")), ""},
		{"one part", cat(elf, note("Go\x00\x00", 4, "abc")), ""},
		{"cut short", cat(elf, note("Go\x00\x00", 4, id))[:40], ""},
	} {
		if got := goBuildID(tt.head); got != tt.want {
			t.Errorf("%s: goBuildID = %q, want %q", tt.name, got, tt.want)
		}
	}
}

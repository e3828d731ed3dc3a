// Command timeit runs commands many times, interleaved, and prints the
// median wall time and peak memory of each, and its ratio to the first.
// It is the measuring tool of bench/compare.sh.
//
//	timeit -n 30 -- 'label=cmd arg...' 'label=sh -c "..."' ...
//
// Each command runs with stdout and stderr sent to /dev/null. A command with
// shell syntax (quotes, pipes, redirections) runs under sh -c; any other is
// executed directly, so that no shell start-up is measured.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 20, "runs of each command")
	flag.Parse()
	type job struct {
		label string
		args  []string
		times []time.Duration
		rss   []int64
	}
	var jobs []*job
	for _, spec := range flag.Args() {
		label, cmd, ok := strings.Cut(spec, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "timeit: want label=command, got %q\n", spec)
			os.Exit(2)
		}
		args := strings.Fields(cmd)
		if strings.ContainsAny(cmd, "|<>;&$'\"*?") {
			args = []string{"sh", "-c", cmd} // a pipeline or quoting: let the shell run it
		}
		jobs = append(jobs, &job{label: label, args: args})
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, "timeit:", err)
		os.Exit(1)
	}
	for i := 0; i < *n+1; i++ {
		for _, j := range jobs {
			c := exec.Command(j.args[0], j.args[1:]...)
			c.Stdout, c.Stderr = devnull, devnull
			start := time.Now()
			if err := c.Run(); err != nil {
				fmt.Fprintf(os.Stderr, "timeit: %s: %v\n", j.label, err)
				os.Exit(1)
			}
			d := time.Since(start)
			if i == 0 {
				continue // warm-up
			}
			j.times = append(j.times, d)
			if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
				j.rss = append(j.rss, ru.Maxrss)
			}
		}
	}
	base := median(jobs[0].times)
	fmt.Printf("%-34s %10s %8s %9s\n", "command", "median", "ratio", "peak RSS")
	for _, j := range jobs {
		m := median(j.times)
		slices.Sort(j.rss)
		fmt.Printf("%-34s %8.2fms %7.2fx %7.1fMB\n", j.label, float64(m.Microseconds())/1000, float64(m)/float64(base), float64(j.rss[len(j.rss)-1])/1024)
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

#!/usr/bin/env bash
# Times envcoop against jq, gojq, Miller and sqlite3 on the same queries and
# prints medians and ratios. It builds envcoop and a do-nothing Go program
# (the floor), generates the data sets into a temporary directory, and
# installs nothing: tools that are not on PATH are skipped, and said so.
#
#   bash bench/compare.sh            # all parts (about 3 minutes)
#   RUNS=40 bash bench/compare.sh    # more runs per command (default 20; 5 at 100,000)
#   SKIP_100K=1 bash bench/compare.sh
#
# gojq: go install github.com/itchyny/gojq/cmd/gojq@v0.12.17 (or set GOJQ).
# "no cache, GOGC=100" is how envcoop decoded every run before the cache
# and its GC setting: the first, uncached run is compared with it.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ENVCOOP_CACHE_DIR="$work/cache"

say() { printf '\n== %s\n' "$*"; }
skipped=()
have() { command -v "$1" >/dev/null 2>&1; }

say "building"
go build -o "$work/envcoop" .
# urfave_cli_no_docs leaves out urfave/cli's Markdown and man generators
# (and their Markdown library); envcoop writes its man page itself.
go build -trimpath -ldflags '-s -w' -tags urfave_cli_no_docs -o "$work/envcoop-release" .
go build -o "$work/timeit" ./bench/timeit
go build -o "$work/gendata" ./bench/gendata
mkdir -p "$work/floor"
cat > "$work/floor/main.go" <<'GO'
package main

func main() {}
GO
(cd "$work/floor" && printf 'module floor\n\ngo 1.26\n' > go.mod && go build -o "$work/floor/floor" .)
echo "go: $(go version)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"

jq_bin=""; gojq_bin=""
if have jq; then jq_bin=$(command -v jq); echo "jq: $(jq --version)"; else skipped+=("jq (not installed)"); fi
gojq_bin=${GOJQ:-$(command -v gojq || true)}
if [ -n "$gojq_bin" ] && [ -x "$gojq_bin" ]; then echo "gojq: $("$gojq_bin" --version)"; else gojq_bin=""; skipped+=("gojq (not installed; see the top of this script)"); fi
if have mlr; then echo "mlr: $(mlr --version)"; else skipped+=("Miller (not installed)"); fi
if have sqlite3; then echo "sqlite3: $(sqlite3 --version | cut -d' ' -f1)"; else skipped+=("sqlite3 (not installed)"); fi

e="$work/envcoop"; r="$work/envcoop-release"; t="$work/timeit"
pollution_jq='.agreements[] | select(.crises | index("pollution")) | [.id, .name] | @csv'

say "1. built-in data: whole runs against a Go program that only exits"
"$e" export > "$work/builtin.json"
args=("floor=$work/floor/floor"
	"list=$e list"
	"show plastics=$e show plastics"
	"filter csv=$e filter --crisis pollution --format csv"
	"export json=$e export --format json"
	"release list=$r list"
	"release show plastics=$r show plastics"
	"release filter csv=$r filter --crisis pollution --format csv")
[ -n "$jq_bin" ] && args+=("jq filter csv=$jq_bin -r '$pollution_jq' $work/builtin.json")
[ -n "$gojq_bin" ] && args+=("gojq filter csv=$gojq_bin -r '$pollution_jq' $work/builtin.json" "gojq export json=$gojq_bin . $work/builtin.json")
"$t" -n "$runs" "${args[@]}"

scale() {
	local n=$1 runs=$2 clone=${3:-}
	if [ -n "$clone" ]; then
		say "2. $n agreements cloned from the built-in records (real-size): the same query against jq, gojq, Miller, sqlite3"
		"$work/gendata" -clone themes.toml "${n%c}" > "$work/kb$n.toml"
	else
		say "2. $n generated agreements: the same query against jq, gojq, Miller, sqlite3"
		"$work/gendata" "$n" > "$work/kb$n.toml"
	fi
	"$e" --data "$work/kb$n.toml" export > "$work/kb$n.json"
	"$e" --data "$work/kb$n.toml" export --kind agreements --format csv --raw --fields id,name,crises > "$work/kb$n.csv"
	echo "data: $(du -h "$work/kb$n.toml" | cut -f1) TOML, $(du -h "$work/kb$n.json" | cut -f1) JSON"
	local q="filter --crisis pollution --format csv --fields id,name"
	local args=("envcoop cached=$e --data $work/kb$n.toml $q"
		"envcoop first run=rm -rf $work/cold; env ENVCOOP_CACHE_DIR=$work/cold $e --data $work/kb$n.toml $q"
		"envcoop no cache=$e --no-cache --data $work/kb$n.toml $q"
		"no cache, GOGC 100=env GOGC=100 $e --no-cache --data $work/kb$n.toml $q")
	[ -n "$jq_bin" ] && args+=("jq=$jq_bin -r '$pollution_jq' $work/kb$n.json")
	[ -n "$gojq_bin" ] && args+=("gojq=$gojq_bin -r '$pollution_jq' $work/kb$n.json")
	if have mlr; then args+=("mlr=mlr --icsv --ocsv filter '\$crises =~ \"pollution\"' then cut -f id,name $work/kb$n.csv"); fi
	if have sqlite3; then
		sqlite3 "$work/kb$n.db" ".mode csv" ".import $work/kb$n.csv agreements"
		args+=("sqlite3=sqlite3 -csv $work/kb$n.db \"select id, name from agreements where crises like '%pollution%'\"")
	fi
	# warm the cache: a first run leaves the validation marker, a second
	# one writes the entry ("first run" uses a cache of its own)
	"$e" --data "$work/kb$n.toml" list > /dev/null
	"$e" --data "$work/kb$n.toml" list > /dev/null
	"$t" -n "$runs" "${args[@]}"
}
scale 1000 "$runs"
scale 10000 "$runs"
scale 10000c "$runs" clone
if [ -z "${SKIP_100K:-}" ]; then scale 100000 5; else skipped+=("100,000 agreements (SKIP_100K)"); fi

say "3. growth: the warm query at each size, per agreement"
args=()
for n in 1000 10000 10000c 100000; do
	[ -f "$work/kb$n.toml" ] && args+=("envcoop $n=$e --data $work/kb$n.toml filter --crisis pollution --format csv --fields id,name")
done
"$t" -n 5 "${args[@]}" | awk 'NR == 1 {print $0 "  per 1,000"; next} {line = $0; n = $2; ms = $3; sub(/ms/, "", ms); printf "%s  %8.2fms\n", line, ms / (n / 1000)}'

if [ ${#skipped[@]} -gt 0 ]; then
	say "skipped"
	printf '%s\n' "${skipped[@]}"
fi

#!/bin/sh
# tests/fuzz/run.sh [-n] SECONDS [TARGET...]
# Run each fuzz target (all by default) for SECONDS from its corpus and
# seeds (tests/fuzz/seeds), one after the other, and print one line per
# target: runs, coverage (edges and features), peak memory. New inputs that
# add coverage are merged, minimised, into tests/fuzz/corpus/TARGET so plain
# `make check` replays them from then on (-n: do not merge, as in CI).
# Run from a tree configured with
#   ./configure CC=clang --enable-fuzzing --enable-sanitizers && make fuzz
# A crash, sanitizer report or leak stops with status 1, leaving the input
# as crash-*, leak-* or timeout-* in the current folder.
set -eu
merge=1
[ "${1:-}" = -n ] && { merge=0; shift; }
secs=${1:-60}
[ $# -gt 0 ] && shift
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
targets=${*:-keyring ident config forms casework search datein postcodes anchor \
	keyseq}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export top_srcdir="$top"

for t in $targets; do
	bin=tests/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "$bin is not built (make fuzz)" >&2; exit 2; }
	mkdir -p "$work/$t" "$work/known-$t"
	cp "$here/corpus/$t"/* "$work/$t/" 2>/dev/null || true
	grep "^$t " "$here/seeds" 2>/dev/null | while read -r _ path; do
		if [ -d "$top/$path" ]; then cp "$top/$path"/* "$work/$t/"
		else cp "$top/$path" "$work/$t/"; fi
	done
	cp "$work/$t"/* "$work/known-$t/" 2>/dev/null || true
	"$bin" -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 "$work/$t" > "$work/$t.log" 2>&1 || {
		tail -n 40 "$work/$t.log"
		echo "fuzz_$t: FOUND A PROBLEM (input left in $(pwd))" >&2
		exit 1
	}
	last=$(grep -E '^#[0-9]+' "$work/$t.log" | tail -n 1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/$t.log")
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	echo "fuzz_$t: ${secs}s, $runs runs, cov $cov edges, ft $ft, peak rss ${rss} MB, no finding"
	if [ $merge = 1 ]; then
		ls "$work/known-$t" > "$work/known-$t.list"
		"$bin" -merge=1 "$work/known-$t" "$work/$t" > /dev/null 2>&1
		for f in "$work/known-$t"/*; do
			grep -qxF "${f##*/}" "$work/known-$t.list" ||
				cp "$f" "$here/corpus/$t/"
		done
	fi
done

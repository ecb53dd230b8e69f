#!/bin/sh
# Run every fuzz target for SECONDS (default 60) from its corpus, then
# merge what it found into tests/fuzz/corpus/TARGET (minimised), so plain
# `make check` replays it from then on. Build first, in a tree configured
# with: ./configure CC=clang --enable-fuzzing --enable-sanitizers; make fuzz
# A crash leaves crash-* in the current folder and stops with status 1.
set -eu
secs=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in keyring ident config forms keyseq; do
	bin=tests/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "$bin is not built (make fuzz)" >&2; exit 2; }
	mkdir -p "$work/$t" "$work/min-$t"
	cp "$here/corpus/$t"/* "$work/$t/" 2>/dev/null || true
	echo "fuzzing $t for $secs s"
	"$bin" -max_total_time="$secs" -rss_limit_mb=1024 "$work/$t" \
		> "$work/$t.log" 2>&1 || { tail -n 30 "$work/$t.log"; exit 1; }
	grep -E '^Done' "$work/$t.log" || true
	"$bin" -merge=1 "$work/min-$t" "$here/corpus/$t" "$work/$t" \
		> /dev/null 2>&1
	cp -n "$work/min-$t"/* "$here/corpus/$t/" 2>/dev/null || true
done

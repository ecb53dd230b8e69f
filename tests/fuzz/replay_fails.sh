#!/bin/sh
# The corpus replay fails an input that crashes, and in the sanitizer
# build one that overruns the heap, overflows an int or leaks: each is
# planted in a scratch copy of a corpus and replayed through
# replay_selftest, a target with those bugs on purpose.
. "$top_srcdir/tests/lib.sh"
replay=$top_builddir/tests/fuzz/replay_selftest
mkdir -p "$T/corpus"
cp "$top_srcdir"/tests/fuzz/corpus/ident/* "$T/corpus/"

# run NAME TEXT: replay the scratch corpus with one planted input.
run() {
	rm -f "$T/corpus/planted-"*
	[ -n "$2" ] && printf '%s' "$2" > "$T/corpus/planted-$1"
	rc=0
	"$replay" "$T/corpus" > "$T/out" 2> "$T/err" || rc=$?
}

if grep -q "^SAN_CFLAGS = -fsanitize=address" "$top_builddir/Makefile" 2>/dev/null; then
	sanitized=1
	plan 11
else
	sanitized=0
	plan 7
fi

run clean ""
check "a clean corpus replays clean" test $rc -eq 0
check "and its memory stays flat" grep -q '^ok .* memory flat' "$T/out"
run crash crash
check "an input that crashes fails the replay" test $rc -ne 0
check "and is the one named" grep -q "^not ok .*planted-crash: killed by signal" "$T/out"
check "the other inputs still pass" test "$(grep -c '^not ok' "$T/out")" -eq 1

if [ $sanitized = 0 ]; then
	run leak leak
	check "a leak fails the replay" test $rc -ne 0
	check "on the memory check" grep -q "^not ok .* memory flat" "$T/out"
else
	run overflow overflow
	check "a heap overrun fails the replay" test $rc -ne 0
	check "named with AddressSanitizer's report" grep -q heap-buffer-overflow "$T/err"
	run intoverflow intoverflow
	check "signed overflow fails the replay" test $rc -ne 0
	check "named with UBSan's report" grep -q 'signed integer overflow' "$T/err"
	run leak leak
	check "a leak fails the replay" test $rc -ne 0
	check "and is reported as one" grep -q "^not ok .*planted-leak: memory leaked" "$T/out"
fi

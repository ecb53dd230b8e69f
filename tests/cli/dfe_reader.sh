#!/bin/sh
# The demo's returns, for this year (still running) and last, read by a
# second reader of the DfE's rules (tests/cli/dfe_reader.py, written from
# the rule text, not from casework/checks.c): it raises what --check
# raises, child by child and rule by rule, and nothing else but rule
# 1002, which the DfE notes is a false positive for care leavers whose
# care ended before last year.
. "$top_srcdir/tests/lib.sh"
plan 8
export CASEDESK_NOW=2026-12-01T12:00:00.000Z
export DFE_POSTCODES="$top_srcdir/casework/data/postcodes.csv"
reader="$top_srcdir/tests/cli/dfe_reader.py"
db="$T/demo.db"
printf '[security]\nkdf = insecure-test\n[borough]\nons_code = E09000007\n' \
	> "$T/test.ini"
pw demo
cdx demo --db "$db" --no-tui --passphrase-fd 3 3<"$T/pw"
ok $rc "the demo at its default size"

# pairs KIND YEAR: "child rule" from --check, then from the reader, sorted.
pairs() {
	pw demo
	cdx export "$1" --year "$2" --check --db "$db" --user analyst \
		--passphrase-fd 3 3<"$T/pw"
	awk '/^#[0-9]/ && $3 != "-" { sub(/^#/, "", $1); print $1, $3 }' \
		"$T/out" | sort -u > "$T/ours"
	pw demo
	if [ "$1" = ssda903 ]; then
		cdx export ssda903 --year "$2" --out "$T/903-$2" --previous \
			--db "$db" --user analyst --passphrase-fd 3 3<"$T/pw"
		python3 "$reader" 903 "$T/903-$2" "$2" E09000007 2026-12-01
	else
		cdx export cin --year "$2" --out "$T/cin-$2.xml" --db "$db" \
			--user analyst --passphrase-fd 3 3<"$T/pw"
		python3 "$reader" cin "$T/cin-$2.xml" "$2"
	fi > "$T/read"
	grep -v '^by rule' "$T/read" | awk '{ sub(/^#/, "", $2); print $2, $1 }' |
		grep -v ' 1002$' | sort -u > "$T/theirs"
}

for y in 2027 2026; do
	for k in ssda903 cin; do
		pairs $k $y
		check "$k $y: the reader raises what --check raises" \
			diff "$T/ours" "$T/theirs"
	done
done
# The reader is not blind: the demo's planted problems are in what it read.
pairs ssda903 2027
check "the reader finds the planted URN (218) and review code (167)" sh -c \
	"grep -q ' 218\$' '$T/theirs' && grep -q ' 167\$' '$T/theirs'"
pairs cin 2027
check "the reader finds the planted primary need (8610) and closure (8805)" \
	sh -c "grep -q ' 8610\$' '$T/theirs' && grep -q ' 8805\$' '$T/theirs'"
# And it reads each rule as written: a placement for a child too young.
sed 's/^\([0-9]*\),\([^,]*\),S,C2,N1,U[1-6],PR1,/\1,\2,S,C2,N1,K3,PR1,/' \
	"$T/903-2027/episodes.csv" > "$T/e" && mv "$T/e" "$T/903-2027/episodes.csv"
python3 "$reader" 903 "$T/903-2027" 2027 E09000007 2026-12-01 > "$T/read"
check "a child under 16 in supported accommodation breaks 371" \
	grep -q '^371 ' "$T/read"

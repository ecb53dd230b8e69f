#!/bin/sh
# The README's "things to try" run as written against a fresh demo, in
# order, each exiting 0 (the passphrase given on a descriptor instead of
# typed).
. "$top_srcdir/tests/lib.sh"
sed -n '/^Things to try in the demo/,/^The trainer/p' "$top_srcdir/README.md" |
	sed -n 's/^    casedesk /casedesk /p' | sed 's/  *#.*$//' > "$T/try"
plan $(($(wc -l < "$T/try") + 2))
db="$T/demo.db"
pw demo
cdx demo --db "$db" --no-tui --people 600 --passphrase-fd 3 3<"$T/pw"
ok $rc "a demo to try things in"
check "the README names the Stage 2 household" grep -q \
	"The Thomas household, in Stage 2" "$top_srcdir/README.md"
while read -r line; do
	args=${line#casedesk }
	pw demo
	eval "cdx $args --passphrase-fd 3" 3<"$T/pw"
	[ $rc -ne 0 ] && sed 's/^/# /' "$T/err"
	# What the comment beside each says it shows, it shows.
	want=
	case $line in
	*"queue "*) want="#5 " ;;
	*"form show 1 "*) want=": submitted" ;;
	*"form authorise 1 "*) want="Form #1 authorised." ;;
	*"allocate 5 "*) want="in their tray now" ;;
	*"--worker adoption "*) want="The Thomas household" ;;
	*"person show 3 "*) want="Child protection plan" ;;
	*"summary 3 "*) want="Child protection visit by" ;;
	*"summary 4 "*) want="Placements:" ;;
	*"household 1 "*) want="The Thomas household (household #1): Stage 2" ;;
	*"look \"#4\" "*) want="LOOKED AFTER" ;;
	esac
	[ $rc -eq 0 ] && [ -n "$want" ] && ! has "$T/out" "$want" && rc=1 &&
		echo "# \"$want\" not in the output"
	ok $rc "$line"
done < "$T/try"

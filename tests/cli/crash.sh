#!/bin/sh
# Crash safety: kill casedesk with SIGKILL at random moments while it
# saves, many times; afterwards the database opens, the audit chain and
# its anchor verify, and every save that was reported done is there.
. "$top_srcdir/tests/lib.sh"
plan 5
db="$T/x.db"
db_with sam:social
as sam person add --family-name Crash --given-names Cora --dob 2015-01-01
p=$(cat "$T/out")

runs=60 acked=0 killed=0 k=0
pw "sam long passphrase"
while [ $k -lt $runs ]; do
	k=$((k + 1))
	"$CASEDESK" --config "$T/test.ini" --db "$db" --user sam \
		--passphrase-fd 3 record add chronology --person "$p" \
		event_date=2026-11-01 kind=note "summary=save number $k" \
		3<"$T/pw" > "$T/save$k" 2>/dev/null &
	pid=$!
	# A save takes about 10 ms here: kill anywhere in the first 20.
	sleep "$(awk -v s="$k$$" 'BEGIN { srand(s); printf "%.4f", rand() * 0.02 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ -s "$T/save$k" ]; then
		acked=$((acked + 1)); echo "$k" >> "$T/acked"
	else
		killed=$((killed + 1))
	fi
done
echo "# $acked saves reported done, $killed killed before reporting"
check "some saves were cut off (the test killed real work)" test "$killed" -gt 0

as sam person show "$p"
ok $rc "the database opens after $runs kills"
cp "$T/out" "$T/shown"
missing=0
for k in $(cat "$T/acked" 2>/dev/null); do
	grep -q "save number $k\$" "$T/shown" || { echo "# lost: save $k"; missing=$((missing + 1)); }
done
check "every save reported done is there ($acked of them)" test "$missing" -eq 0
pw "alice long passphrase"
cdx audit verify --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "the audit chain verifies" has "$T/out" "chain intact"
as sam record add chronology --person "$p" event_date=2026-11-02 kind=note \
	"summary=after the storm"
ok $rc "and it takes new saves"

#!/bin/sh
# A dropped connection in the middle of a form keeps the draft, including
# the field being typed; the form opens again with it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 7
db="$T/h.db"

pw "alice long passphrase"
cdx init --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
pw "alice long passphrase" "sam long passphrase"
cdx user add sam --role social --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
sam() { pw "sam long passphrase"; cdx --db "$db" --user sam --passphrase-fd 3 "$@" 3<"$T/pw"; }
sam person add --family-name Hang --given-names Harper --dob 2016-06-06
pw "sam long passphrase"
tm new-session -d -s t -x 80 -y 24 "env TERM=xterm-256color '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user sam --passphrase-fd 3 \
	form new contact --person 1 3<'$T/pw'"
wait_for "Contact record #1"; ok $? "form new opens the editor"
tm send-keys -t t Tab 'PC Jones' Tab
wait_for "Saved Who made contact"; ok $? "leaving a field saves it"
tm send-keys -t t Tab Tab Tab 'Neighbour heard shouting'
wait_for "Writing: Presenting concerns"; ok $? "typing a narrative opens its editor"
# The line drops with the narrative still being typed.
tm kill-server
i=0
while [ $i -lt 50 ]; do
	sam form show 1
	grep -q "Neighbour heard shouting" "$T/out" && break
	sleep 0.1; i=$((i + 1))
done
check "the field saved before the drop is in the draft" grep -q "Who made contact *PC Jones" "$T/out"
check "so is the field being typed when the line dropped" grep -q "Presenting concerns *Neighbour heard shouting" "$T/out"
check "the form is still a draft" grep -q "for person #1: draft" "$T/out"
pw "alice long passphrase"
cdx audit verify --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "the chain verifies after the hangup" has "$T/out" "chain intact"

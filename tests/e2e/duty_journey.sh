#!/bin/sh
# The duty desk journey in the real program, on the demo at TERM=vt100:
# unlock, search, no match, create the person through the duplicate check,
# record a contact with its decision, find it in the chronology. Then the
# bytes a keystroke costs, and an idle screen that writes nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 13
db="$T/demo.db"

cdx demo --db "$db" --people 300 --no-tui
tm new-session -d -s t -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user duty; sleep 30"
wait_for "Passphrase:"
tm send-keys -t t demo Enter
wait_for "DUTY: contacts waiting for a decision"; ok $? "duty unlocks to the duty view"
tm send-keys -t t / 'Tomasz Zielinski'
wait_for 'No one found for "Tomasz Zielinski"'; ok $? "search as you type finds no one"
tm send-keys -t t C-o
wait_for "Family name: Zielinski"; ok $? "create starts from the name typed"
tm send-keys -t t Enter Enter 03/04/2018 Enter M Enter Enter Enter
wait_for "Created #"; ok $? "the person is created after the duplicate check"
tm send-keys -t t n
wait_for "contact              Contact record"; ok $? "n lists the forms, contact first"
tm send-keys -t t Enter
wait_for "Contact record #"; ok $? "the contact form opens"
tm send-keys -t t Tab 'Head teacher' Tab Tab Tab police Tab 'Bruising on arms' Tab \
	Tab
tm send-keys -t t 'referral' Tab Tab 'Needs an assessment' Tab
# Bytes for one keystroke in a form.
tm pipe-pane -t t -O "cat >> '$T/bytes'"
wait_for "Needs an assessment"
quiet "$T/bytes"; : > "$T/bytes"
tm send-keys -t t Up
settle "$T/bytes"
form_bytes=$(wc -c < "$T/bytes")
check "a keystroke in a form writes under 300 bytes ($form_bytes)" test "$form_bytes" -lt 300
tm send-keys -t t C-t
wait_for "Submitted"; ok $? "the contact is submitted"
tm send-keys -t t Escape
wait_for "Zielinski, Tomasz  #"
tm send-keys -t t c
wait_for "Contact: Bruising on arms"; ok $? "the contact is in the chronology"
tm send-keys -t t H
wait_for "THE TEAM'S WORK" || wait_for "DUTY: contacts"
quiet "$T/bytes"
: > "$T/bytes"
tm send-keys -t t Down
settle "$T/bytes"
list_bytes=$(wc -c < "$T/bytes")
check "the cursor move wrote something (the test measures a real move)" \
	test "$list_bytes" -gt 0
check "a cursor move in a list writes under 300 bytes ($list_bytes)" test "$list_bytes" -lt 300
: > "$T/bytes"
sleep 3
check "an idle screen writes nothing" test "$(wc -c < "$T/bytes")" -eq 0
tm send-keys -t t Escape Escape Escape q
pw demo
cdx audit verify --db "$db" --user governance --passphrase-fd 3 3<"$T/pw"
check "the chain verifies after the journey" has "$T/out" "chain intact"

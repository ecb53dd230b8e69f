#!/bin/sh
# Out of hours in the real program at TERM=vt100: a quick look at a child
# on a plan within the byte budget for a slow link, an emergency placement
# recorded through the out-of-hours form (each keystroke in budget), and
# the allocated social worker finding it handed over in the morning, then
# accepting it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 13
db="$T/demo.db"

cdx demo --db "$db" --people 300 --no-tui
tm new-session -d -s t -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user ooh; sleep 60"
wait_for "Passphrase:"
tm send-keys -t t demo Enter
wait_for "Home: ooh (Out-of-hours worker)"; ok $? "the out-of-hours worker unlocks"

# The quick look: what it costs to draw on a 9600-baud line.
tm send-keys -t t : 'look #3'
wait_for "look #3"
tm pipe-pane -t t -O "cat >> '$T/bytes'"
quiet "$T/bytes"; : > "$T/bytes"
tm send-keys -t t Enter
wait_for "!! CHILD PROTECTION PLAN since"; ok $? "a quick look shows the CP plan"
settle "$T/bytes"
look_bytes=$(wc -c < "$T/bytes")
check "the quick look screen is under 2 KB ($look_bytes bytes)" \
	test "$look_bytes" -gt 200 -a "$look_bytes" -lt 2048
check "it names the worker to call" has "$T/screen" "Worker: "

# The out-of-hours record: police protection, placed with an emergency carer.
tm send-keys -t t n
wait_for "ooh                  Out-of-hours record"
tm send-keys -t t Enter
wait_for "Out-of-hours record #"; ok $? "the out-of-hours form opens first"
tm send-keys -t t Tab 'PC 4411 Har'
wait_for "PC 4411 Har"
quiet "$T/bytes"; : > "$T/bytes"
tm send-keys -t t t
settle "$T/bytes"
key_bytes=$(wc -c < "$T/bytes")
check "a keystroke in a field is under 100 bytes ($key_bytes)" \
	test "$key_bytes" -gt 0 -a "$key_bytes" -lt 100
tm send-keys -t t Tab 6 Tab 'Found alone in the street at 1am' Tab Tab Tab \
	'Took him to an emergency carer' Tab PPO Tab
wait_for "Legal basis"
tm send-keys -t t S46 Tab Tab 'CAD 1187' Tab U6 Tab PR1 Tab 'N17 0UF' Tab \
	'Ms Emergency' Tab '020 7000 0000' Tab 'Visit him at the carer by noon.' \
	Tab
tm send-keys -t t C-t
wait_for "Submitted" || wait_for "authorised"
ok $? "the record with police protection is submitted"
tr -s ' \n' '  ' < "$T/screen" > "$T/flat"
check "the screen says first who it went to and that L1 began" sh -c \
	"grep -q 'Submitted. Handed over to ' '$T/flat' && grep -q 'episode #[0-9]* began: L1 police protection' '$T/flat'"
tm send-keys -t t Escape
tm send-keys -t t : 'look #3' Enter
wait_for "!! LOOKED AFTER: L1 police protection"; ok $? "the child is looked after (L1) at once"

# The child's social worker in the morning.
tm new-session -d -s d -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user social; sleep 60"
wait_on d "Passphrase:"
tm send-keys -t d demo Enter
wait_on d "PPO   to social"
check "the allocated worker sees it handed over, first in the tray" sh -c \
	"sed -n 2,3p '$T/screen' | grep -q 'HANDED OVER FROM OUT OF HOURS' && grep -q '^> #[0-9]* .* PPO  *Begum, Niamh .* to social' '$T/screen'"
check "the night's note is on the handover's line" grep -q \
	'Note: Visit him at the carer by noon.' "$T/screen"
tm send-keys -t d Enter
wait_on d "Out-of-hours record #"
check "and read first in the handover" sh -c \
	"sed -n 2p '$T/screen' | grep -q 'Note to the day team *Visit him at the carer by noon.'"
tm send-keys -t d Escape
wait_on d "HANDED OVER FROM OUT OF HOURS"
tm send-keys -t d : accept Enter
wait_on d "Accepted handover"
check "accepting clears it from the tray" sh -c \
	"grep -q 'Accepted handover' '$T/screen' && ! grep -q 'PPO   to social' '$T/screen'"

#!/bin/sh
# Reading at 80x24 on TERM=vt100: home opens with its first row
# highlighted and Enter opens its step; a 2,000-character chronology note is
# read to its last word in the pager, found with /; help is a page of its
# own. Then what moving the highlight and a full redraw cost in bytes.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 11
db="$T/demo.db"

cdx demo --db "$db" --people 300 --no-tui
# A long note on child #3, ending in a word found nowhere else.
long=$(awk 'BEGIN { for (i = 0; i < 46; i++) printf "Mother said the "\
    "boy was at school all week. "; printf "Lastwordzebra." }')
pw demo
cdx record add chronology --person 3 "event_date=20/11/2026" kind=incident \
	"summary=$long" --db "$db" --user social --passphrase-fd 3 3<"$T/pw"
check "a ${#long}-character note is recorded" test "$rc" -eq 0 -a \
	"${#long}" -ge 2000
tm new-session -d -s t -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user social; sleep 60"
wait_for "Passphrase:"
tm send-keys -t t demo Enter
wait_for "YOUR WORK"
tm capture-pane -p -t t > "$T/screen"
check "home opens with its first task highlighted" \
	sh -c "grep -E '^> [0-9]{4}-[0-9]{2}-[0-9]{2}' '$T/screen'"
tm send-keys -t t Enter
wait_for "Statutory visit #"; ok $? "Enter on the first task starts the visit that completes it"
tm send-keys -t t Escape
wait_for "YOUR WORK"

tm send-keys -t t : 'person 3' Enter
wait_for "#3"
tm send-keys -t t c
wait_for "Note: Mother said"
# The note is cut on the list; v reads it whole.
tm send-keys -t t v
wait_for "more ("; ok $? "v opens the note in the pager"
check "the pager says how far through it is" has "$T/screen" "-- more ("
i=0
while [ $i -lt 5 ] && ! tm capture-pane -p -t t | grep -q -- "-- end --"; do
	tm send-keys -t t Space; sleep 0.3; i=$((i + 1))
done
wait_for "Lastwordzebra."; ok $? "Space pages to the note's last word ($i pages)"
tm send-keys -t t g
wait_for "Mother said"
tm send-keys -t t / zebra Enter
wait_for "Lastwordzebra."; ok $? "/ finds a word in the pager"
tm send-keys -t t Escape
wait_for "Chronology of #3"; ok $? "Esc closes the pager, back on the list"

# The budgets: moving the highlight, and a full redraw of home.
tm send-keys -t t H
wait_for "YOUR WORK"
tm pipe-pane -t t -O "cat >> '$T/bytes'"
quiet "$T/bytes"; : > "$T/bytes"
tm send-keys -t t Down
settle "$T/bytes"
move=$(wc -c < "$T/bytes")
check "moving the highlight costs at most 80 bytes ($move)" \
	test "$move" -gt 0 -a "$move" -le 80
quiet "$T/bytes"; : > "$T/bytes"
tm send-keys -t t C-l
settle "$T/bytes"
full=$(wc -c < "$T/bytes")
check "a full redraw of home costs at most 1.6 KB ($full)" \
	test "$full" -gt 200 -a "$full" -le 1638
tm send-keys -t t '?'
wait_for "Help: home"
tm send-keys -t t / ':look' Enter
wait_for ":look TERM"; ok $? "? on home lists the : commands too"
tm send-keys -t t Escape q

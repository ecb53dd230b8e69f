#!/bin/sh
# A resize storm in the middle of a form: sizes from tiny to huge, fast.
# Afterwards the form is drawn whole at 80x24, keeps what was typed, and
# still takes keys; the program never dies.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 4
db="$T/demo.db"

cdx demo --db "$db" --people 300 --no-tui
tm new-session -d -s t -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user duty; echo EXITED \$?; sleep 30"
wait_for "Passphrase:"
tm send-keys -t t demo Enter
wait_for "DUTY:"
tm send-keys -t t : 'person 3' Enter
wait_for "Begum"
tm send-keys -t t n
wait_for "contact              Contact record"
tm send-keys -t t Enter
wait_for "Contact record #"
tm send-keys -t t Tab 'Storm warning'
wait_for "Storm warning"
tm pipe-pane -t t -O "cat >> '$T/bytes'"
for size in "10 3" "200 60" "79 23" "1 1" "300 100" "40 12" "80 24" "81 25" \
	"12 80" "150 10" "80 5" "5 24" "120 40" "80 23" "79 24"; do
	tm resize-window -t t -x "${size% *}" -y "${size#* }" 2>/dev/null
done
tm resize-window -t t -x 80 -y 24
# Keys typed while the pane is too small are refused by design: let the
# storm pass (nothing drawn for half a second) before typing.
quiet "$T/bytes"
wait_for "Storm warning"; ok $? "after the storm the form is drawn, the text kept"
check "the program is still running" sh -c "! grep -q EXITED '$T/screen'"
tm send-keys -t t ' is over'
wait_for "Storm warning is over"; ok $? "and it still takes keys"
tm send-keys -t t C-t
wait_for "Still to fill in"
check "and answers them (submit says what is missing)" sh -c \
	"grep -q 'Still to fill in: Contact source' '$T/screen'"

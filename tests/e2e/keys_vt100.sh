#!/bin/sh
# Keys on a real thin terminal: TERM=vt100, whose terminfo has no S-Tab,
# PgUp, PgDn, Home, End or Delete. The bytes are sent raw (send-keys -H),
# exactly as a vt100 user's terminal sends them, so casedesk's own decoder
# is what is tested: S-Tab and an arrow split by a slow link stay in the
# form, an unknown sequence does nothing, PgDn pages a long list, Esc Esc
# is one Esc, and a resize still arrives with the keypad off.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 17
db="$T/demo.db"

# raw HEX...: send bytes to the pane as they are.
raw() { tm send-keys -t t -H "$@"; }
# poll_screen COMMAND...: capture the screen into $T/screen until the
# command succeeds (up to 5 s); its status.
poll_screen() {
	i=0
	while [ $i -lt 50 ]; do
		tm capture-pane -p -t t > "$T/screen"
		"$@" && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

cdx demo --db "$db" --people 1000 --no-tui
# A session that outlives the others, so the server stays between them.
tm new-session -d -s keep "sleep 600"
pw demo
tm new-session -d -s t -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user duty --passphrase-fd 3 \
	form new contact --person 3 3<'$T/pw'; echo EXITED \$?; sleep 30"
wait_for "Contact record #"; ok $? "the contact form opens at TERM=vt100"
tm send-keys -t t Tab Tab
wait_for "> Caller's relationship"; ok $? "Tab moves down two fields"
raw 1b 5b 5a				# S-Tab: ESC [ Z
wait_for "> Who made contact"; ok $? "S-Tab (ESC [ Z) moves back one field"
check "and stays in the form" sh -c "grep -q 'Contact record #' '$T/screen' &&
	! grep -q EXITED '$T/screen'"
tm send-keys -t t 'Head teacher'
wait_for "Head teacher"
check "what is typed next goes into that field, nothing else with it" \
	grep -q "^> Who made contact \*  *Head teacher *$" "$T/screen"

# Down arrives as Esc, then "[B" 150 ms later (a slow ssh link).
raw 1b; sleep 0.15; raw 5b 42
wait_for "> Caller's relationship"; ok $? "Esc, then [B 150 ms later, moves down"
check "and does not leave the form" sh -c "grep -q 'Contact record #' \
	'$T/screen' && ! grep -q EXITED '$T/screen'"
check "the field left behind was saved, not cancelled" \
	grep -q "Saved Who made contact" "$T/screen"

# An unknown sequence changes nothing on the screen.
tm send-keys -t t Aunt
wait_for "Aunt"
tm capture-pane -p -e -t t > "$T/before"
tm pipe-pane -t t -O "cat >> '$T/bytes'"
quiet "$T/bytes"; : > "$T/bytes"
raw 1b 5b 39 39 7e			# ESC [ 9 9 ~
sleep 1
check "ESC [ 9 9 ~ writes nothing to the terminal" test ! -s "$T/bytes"
tm capture-pane -p -e -t t > "$T/after"
check "and the screen is as it was" cmp -s "$T/before" "$T/after"
tm send-keys -t t ie
wait_for "Auntie"
check "none of its bytes were typed into the field" \
	grep -q "^> Caller's relationship to the child  *Auntie *$" "$T/screen"
tm kill-session -t t

# PgDn (ESC [ 6 ~) pages the manager's long home screen.
tm new-session -d -s t -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user manager; echo EXITED; sleep 30"
wait_for "Passphrase:"
tm send-keys -t t demo Enter
wait_for "THE TEAM'S WORK"
cp "$T/screen" "$T/page1"
raw 1b 5b 36 7e
sleep 0.3
raw 1b 5b 36 7e
poll_screen sh -c "grep -vxFf '$T/page1' '$T/screen' | grep -q ' d '"
ok $? "PgDn brings rows into view that the first page did not show"
check "and it is still the home screen" sh -c \
	"grep -q 'Home: manager' '$T/screen' && ! grep -q EXITED '$T/screen'"

# Esc Esc is one Esc (one screen back), a lone Esc is Esc after the wait.
tm send-keys -t t : 'person 3' Enter
wait_for "#3  "
tm send-keys -t t f
wait_for "Family of #3"
tm send-keys -t t c
wait_for "Chronology of #3"
raw 1b 1b
wait_for "Family of #3"; ok $? "Esc Esc goes back one screen"
check "and only one" sh -c "head -n 1 '$T/screen' | grep -q 'Family of #3'"
raw 1b
poll_screen sh -c "head -n 1 '$T/screen' | grep -q '#3  '"
ok $? "a lone Esc goes back once the wait has passed"

# With the keypad off, a resize still reaches casedesk: the status line is
# drawn again at the new width, DEMO at its right edge.
tm resize-window -t t -x 100 -y 30
poll_screen sh -c "tail -n 1 '$T/screen' | grep -q '^.\{95\}DEMO *$'"
ok $? "a resize redraws the screen at the new size"

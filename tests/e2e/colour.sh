#!/bin/sh
# The theme in the real program: on a colour terminal the alert, late work,
# headings and the DEMO banner are in their colours; with colour = no, or
# on a vt100, attributes alone tell them apart. A [colours] line of the
# user's replaces its default.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 10
db="$T/demo.db"
esc=$(printf '\033')

cdx demo --db "$db" --people 300 --no-tui
# A session that outlives the others, so the server stays between them.
tm new-session -d -s keep "sleep 600"

# open TERM CONFIG: the social worker's home (the overdue visit first) and
# child #3's summary (on a CP plan), each with the highlight moved off the
# first row, captured with their attributes into $T/attrs.
open() {
	tm kill-session -t t 2>/dev/null
	tm new-session -d -s t -x 80 -y 24 "env TERM=$1 '$CASEDESK' \
		--config '$2' --db '$db' --user social; sleep 30"
	wait_for "Passphrase:"
	tm send-keys -t t demo Enter
	wait_for "YOUR WORK"
	tm send-keys -t t Down
	sleep 0.5
	tm capture-pane -p -e -t t > "$T/attrs"
	tm send-keys -t t : 'person 3' Enter
	wait_for "ALERT:"
	tm send-keys -t t Down
	sleep 0.5
	tm capture-pane -p -e -t t >> "$T/attrs"
}
# line TEXT: the captured line holding TEXT, escapes and all.
line() { grep -F -- "$1" "$T/attrs" | head -n 1; }
# sgr LINE CODE: whether an SGR sequence on LINE sets CODE (31, 4...).
sgr() { printf '%s\n' "$1" | grep -q "$esc\[\([0-9;]*;\)\{0,1\}$2[;m]"; }

open xterm-256color "$T/test.ini"
sgr "$(line 'ALERT:')" 31; ok $? "the alert is red on a colour terminal"
sgr "$(line 'd late')" 33; ok $? "late work is yellow"
sgr "$(line 'YOUR WORK')" 36; ok $? "a heading is cyan"
sgr "$(line 'DEMO - NOT REAL DATA')" 41; ok $? "the DEMO banner is on red"

printf '[security]\nkdf = insecure-test\n[display]\ncolour = no\n' \
	> "$T/mono.ini"
open xterm-256color "$T/mono.ini"
a=$(line 'ALERT:')
! printf '%s\n' "$a" | grep -q "$esc\[[0-9;]*3[0-7]m"
ok $? "with colour = no the alert has no colour"
sgr "$a" 1 && sgr "$a" 4; ok $? "and is bold and underlined instead"
sgr "$(line 'd late')" 4; ok $? "late work is underlined"

open vt100 "$T/test.ini"
a=$(line 'ALERT:')
sgr "$a" 1 && sgr "$a" 4; ok $? "a vt100 gets the same attributes"
! grep -q "$esc\[[0-9;]*3[0-7]m" "$T/attrs"; ok $? "and no colour"

printf '[security]\nkdf = insecure-test\n[colours]\nalert = magenta default\n' \
	> "$T/user.ini"
open xterm-256color "$T/user.ini"
sgr "$(line 'ALERT:')" 35; ok $? "the user's [colours] line wins"

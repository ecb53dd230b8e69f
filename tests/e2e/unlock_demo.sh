#!/bin/sh
# The real program in a real terminal (tmux): make the demo, unlock it,
# open help, quit; too-small terminals; a wrong passphrase three times.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 19
db="$T/demo.db"

start() {
	tm new-session -d -s t -x 80 -y 24 \
		"env TERM=$1 CASEDESK_NOW= '$CASEDESK' --config '$T/test.ini' $2; sleep 30"
}

start vt100 "demo --db '$db'"
# Making the 2000-person borough comes first: under the sanitizers on a
# busy machine that alone can pass 10 s.
wait_for "User name:" 90; ok $? "demo opens the unlock screen (TERM=vt100)"
check "the unlock screen says it is a demo" grep -q "DEMO DATABASE" "$T/screen"
check "and names the demo passphrase" grep -q "Every passphrase is: demo" "$T/screen"
check "and every demo user, one per role" grep -q \
	"duty social manager adoption ooh education governance admin trainer analyst" "$T/screen"
# C-u empties the field, as in any line editor: a mistyped name first.
tm send-keys -t t 'admnx' C-u 'admin' Enter 'wrong' Enter
wait_for "try 1 of 3"; ok $? "a wrong passphrase is reported with the tries left"
check "the message says the passphrase is wrong" grep -q "wrong passphrase" "$T/screen"
tm send-keys -t t 'nope' C-u 'demo' Enter
wait_for "Home: admin"; ok $? "the right passphrase opens the home screen"
check "the DEMO banner is visible" grep -q "DEMO - NOT REAL DATA" "$T/screen"
check "the title names user and role" grep -q "admin (Administrator)" "$T/screen"
tm send-keys -t t '?'
wait_for "Find a person (as you type)"; ok $? "the help screen lists the keys from the keymap"
tm send-keys -t t 'q'
wait_for "Home: admin"; ok $? "q leaves help"
tm resize-window -t t -x 60 -y 20 2>/dev/null
wait_for "needs 80x24"; ok $? "a small terminal is told the size needed"
tm resize-window -t t -x 80 -y 24 2>/dev/null
wait_for "Home: admin"; ok $? "growing the terminal carries on"
tm send-keys -t t C-x
wait_for "The screen is locked"; ok $? "C-x locks the screen"
check "nothing of the session shows while locked" sh -c "! grep -q 'Home:' '$T/screen'"
tm send-keys -t t 'demo' Enter
wait_for "Home: admin"; ok $? "the passphrase resumes the session"
tm send-keys -t t 'q'
i=0
while [ $i -lt 50 ] && ! tm capture-pane -p -t t | grep -q '^\$\|^$'; do sleep 0.1; i=$((i+1)); done
tm kill-server 2>/dev/null

pw demo
cdx audit show --db "$db" --user governance --passphrase-fd 3 3<"$T/pw"
check "the session's login, failed login and logout are audited" sh -c \
	"grep -q 'login-failed' '$T/out' && grep -q 'admin (admin)  logout' '$T/out'"
cdx audit verify --db "$db" --user governance --passphrase-fd 3 3<"$T/pw"
check "the chain verifies after the session" has "$T/out" "chain intact"
pw demo
cdx audit show --db "$db" --user governance --passphrase-fd 3 3<"$T/pw"
check "lock and unlock are audited" sh -c \
	"grep -q 'admin (admin)  lock' '$T/out' && grep -q 'admin (admin)  unlock' '$T/out'"

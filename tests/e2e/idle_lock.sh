#!/bin/sh
# An idle session locks itself after [security] idle_lock_minutes (the
# shortest allowed, one minute): the record is hidden and the passphrase
# resumes it. Takes a little over a minute.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 4
db="$T/demo.db"
printf '[security]\nkdf = insecure-test\nidle_lock_minutes = 1\n' > "$T/idle.ini"

cdx demo --db "$db" --people 100 --no-tui
tm new-session -d -s t -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/idle.ini' --db '$db' --user social; sleep 120"
wait_for "Passphrase:"
tm send-keys -t t demo Enter
wait_for "YOUR WORK"; ok $? "unlocked"
sleep 61
wait_for "The screen is locked"; ok $? "a minute idle locks the screen"
check "nothing of the record shows while locked" sh -c "! grep -q 'YOUR WORK' '$T/screen'"
tm send-keys -t t demo Enter
wait_for "YOUR WORK"; ok $? "the passphrase resumes the session"

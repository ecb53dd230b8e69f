#!/bin/sh
# Two clients on one database see each other's saved work; a resize in the
# middle of a form keeps what was being typed; the journey at xterm too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 8
db="$T/demo.db"

cdx demo --db "$db" --people 300 --no-tui
start() {	# start SESSION USER TERM
	tm new-session -d -s "$1" -x 80 -y 24 "env TERM=$3 '$CASEDESK' \
		--config '$T/test.ini' --db '$db' --user $2; sleep 30"
}
screen_of() { wait_on "$@"; }
start t duty xterm-256color
start u social xterm-256color
# Keys typed the instant the unlock screen appears are never lost (no
# sleep). Both unlock at once, so under the sanitizer build on a loaded
# machine getting in may take a while.
screen_of t "Passphrase:"; tm send-keys -t t demo Enter
screen_of u "Passphrase:"; tm send-keys -t u demo Enter
screen_of t "DUTY:" 40; in1=$?; ok $in1 "the first client is in (xterm-256color)"
screen_of u "YOUR WORK" 40; in2=$?; ok $in2 "the second client is in at the same time"
[ $in1 -eq 0 ] && [ $in2 -eq 0 ] ||	# which session runs what
	tm list-panes -a -F '# #{session_name}: #{pane_pid} #{pane_current_command} #{pane_start_command}'

# duty creates a child; social finds them without restarting.
tm send-keys -t t / 'Yara Haddad'
screen_of t 'No one found'
tm send-keys -t t C-o Enter Enter 01/02/2017 Enter F Enter Enter Enter
screen_of t "Created #"; ok $? "one client creates a person"
tm send-keys -t u / 'Yara Haddad'
screen_of u "Haddad, Yara"; ok $? "the other finds them at once"

# A form interrupted by a resize keeps the field being typed.
tm send-keys -t t n
screen_of t "contact              Contact record"
tm send-keys -t t Enter
screen_of t "Contact record #"
tm send-keys -t t Tab 'Police consta'
# Keys typed while the pane is too small are refused, so let them land first.
screen_of t "Police consta"
tm resize-window -t t -x 70 -y 20
screen_of t "needs 80x24"; ok $? "too small during a form says so"
tm resize-window -t t -x 80 -y 24
screen_of t "Police consta"; ok $? "growing back shows the field as it was"
tm send-keys -t t ble Tab
screen_of t "Saved Who made contact"; ok $? "and it saves as normal"
tm send-keys -t t Escape
tm kill-server
pw demo
cdx audit verify --db "$db" --user governance --passphrase-fd 3 3<"$T/pw"
check "the chain verifies with two writers" has "$T/out" "chain intact"

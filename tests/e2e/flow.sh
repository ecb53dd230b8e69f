#!/bin/sh
# Work that flows, counted in keystrokes at TERM=vt100 80x24: a call about
# a child nobody knows (search by name and date of birth, no match, create
# from the search, record the contact, decide REF) ends with a referral
# waiting for allocation in at most 60 keys besides the text typed; the
# team manager allocates it in at most 5; it is then in the worker's tray.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
plan 10
db="$T/demo.db"
keys=0

# press KEY...: keys that count (Enter, Tab, a command letter).
press() { keys=$((keys + $#)); tm send-keys -t "$sess" "$@"; }
# text WORDS: what the worker types, not counted.
text() { tm send-keys -t "$sess" -l "$1"; }

cdx demo --db "$db" --people 300 --no-tui
# A session that outlives the others, so the server stays up between them.
tm new-session -d -s keep "sleep 600"
tm new-session -d -s t -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user duty; sleep 60"
sess=t
wait_for "Passphrase:"
text demo; tm send-keys -t t Enter
wait_for "DUTY: contacts waiting for a decision"
keys=0
press /; text 'Tomasz Zielinski 03/04/2018'
wait_for 'No one found for "Tomasz Zielinski 03/04/2018"'
ok $? "search by name and date of birth finds no one"
press C-o
wait_for "Family name: Zielinski"
press Enter
wait_for "Given names (Enter for none): Tomasz"
press Enter
wait_for "Date of birth (DD/MM/YYYY, Enter if unknown): 03/04/2018"
ok $? "create from the search fills the names and the date of birth"
press Enter; text M; press Enter Enter Enter
wait_for "Created #"; ok $? "the child is created after the duplicate check"
press n
wait_for "contact              Contact record"
press Enter
wait_for "Contact record #"
# Contact date is filled in; who called, their relationship and number,
# the source, what was reported, checks, their notes, then the decision.
press Tab; text 'Mrs Okafor, head teacher'; press Tab; text hea; press Tab
text '020 7485 0000'; press Tab; text sch; press Tab
text 'Bruises on both arms; says his stepfather hits him.'; press Tab Tab
text ref; press Tab Tab
text 'Needs a section 17 assessment at least.'; press Tab C-t
wait_for "Referral #"; ok $? "submitting REF says the referral was made ($keys keys)"
tr -s ' \n' '  ' < "$T/screen" > "$T/flat"
check "it names where the referral waits" has "$T/flat" "waiting for allocation"
check "each step it started is a sentence of its own" sh -c \
	"grep -Eq 'waiting for allocation by [^.]*[0-9a-z]\. [A-Z]' '$T/flat'"
check "the duty journey took at most 60 keys besides the text ($keys)" \
	test "$keys" -le 60
press Escape Escape
tm kill-session -t t

tm new-session -d -s m -x 80 -y 24 "env TERM=vt100 '$CASEDESK' \
	--config '$T/test.ini' --db '$db' --user manager; sleep 60"
sess=m
wait_on m "Passphrase:"
text demo; tm send-keys -t m Enter
wait_on m "WAITING FOR ALLOCATION"
check "the new referral waits at the top of the manager's home" sh -c \
	"grep -A2 'WAITING FOR ALLOCATION' '$T/screen' | grep -q 'Zielinski, Tomasz'"
keys=0
# Oldest first: go down past the cases waiting longer.
above=$(awk '/WAITING FOR ALLOCATION/ { on = 1; next } on && /Zielinski, Tomasz/ { print n; exit } on { n++ }' "$T/screen")
i=0
while [ "$i" -lt "${above:-0}" ]; do press j; i=$((i + 1)); done
press A
wait_on m "Allocate Zielinski, Tomasz to a worker"
press Enter
wait_on m "allocated to"; ok $? "the manager allocates it ($keys keys)"
check "allocating took at most 5 keys ($keys)" test "$keys" -le 5
tm send-keys -t m Escape q

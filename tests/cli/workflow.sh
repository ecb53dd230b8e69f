#!/bin/sh
# Work that flows from a script: a contact decided REF makes its referral
# and says so; it waits in the team's queue; the manager sees the team's
# workers and allocates it; it is then in the worker's tray.
. "$top_srcdir/tests/lib.sh"
plan 14
db="$T/w.db"
pw "alice long passphrase"
cdx init --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
pw "alice long passphrase" "sam long passphrase"
cdx user add sam --role social --team "Assessment Team 1" --db "$db" \
	--user alice --passphrase-fd 3 3<"$T/pw"
pw "alice long passphrase" "mo long passphrase"
cdx user add mo --role manager --team "Assessment Team 1" --db "$db" \
	--user alice --passphrase-fd 3 3<"$T/pw"
pw "alice long passphrase" "dee long passphrase"
cdx user add dee --role duty --team "Front Door" --db "$db" \
	--user alice --passphrase-fd 3 3<"$T/pw"
alice() { pw "alice long passphrase"; cdx --db "$db" --user alice --passphrase-fd 3 "$@" 3<"$T/pw"; }
sam() { pw "sam long passphrase"; cdx --db "$db" --user sam --passphrase-fd 3 "$@" 3<"$T/pw"; }
mo() { pw "mo long passphrase"; cdx --db "$db" --user mo --passphrase-fd 3 "$@" 3<"$T/pw"; }
dee() { pw "dee long passphrase"; cdx --db "$db" --user dee --passphrase-fd 3 "$@" 3<"$T/pw"; }

alice intake-team "Assessment Team 1"
check "an administrator sets the intake team" has "$T/out" \
	"New referrals wait with Assessment Team 1."
dee person add --family-name Kowalczyk --given-names Aurelia --dob 14/03/2019
child=$(cat "$T/out")
dee form new contact --person "$child" --no-tui
form=$(cat "$T/out")
dee form set "$form" "contact_date=t 09:15" "caller=Ms Head" source=2A \
	"concerns=Bruising on her arm, said she fell" decision=REF \
	"decision_reason=Physical injury, explanation unclear"
dee form submit "$form"
check "submitting REF says the referral was made and who has it" sh -c \
	"grep -q '^Referral #1 made; waiting for allocation by Assessment Team 1$' '$T/out'"
check "and the assessment's clock" grep -q \
	"^Complete the child and family assessment by " "$T/out"
mo queue
check "the referral waits in the manager's team queue" grep -q \
	"^#$child .*Kowalczyk, Aurelia .*referral .*Assessment Team 1  from schools" "$T/out"
mo workers
check "the team's workers with their open cases" grep -q \
	"^sam .* 0 open cases" "$T/out"
sam allocate "$child" --worker sam
check "a social worker may not allocate" has "$T/err" "a team manager does"
mo allocate "$child" --worker sam
check "the manager allocates" has "$T/out" \
	"allocated to sam (Assessment Team 1): in their tray now."
mo queue
check "and the queue is empty" has "$T/out" "0 waiting"
sam tasks --worker sam
check "the assessment is in sam's tray" grep -q \
	"Kowalczyk, Aurelia .*Complete the child and family assessment" "$T/out"
mo tasks --by-worker
check "the manager's tray is the team's, counted per worker" sh -c \
	"grep -q '^Team: Assessment Team 1' '$T/out' && grep -q '^sam  *0  *[0-9]  *[0-9]' '$T/out'"
dee form new contact --person "$child" --no-tui
form=$(cat "$T/out")
dee form set "$form" "contact_date=t 11:00" "caller=PC Lane" source=6 \
	"concerns=Police called to the home" decision=REF \
	"decision_reason=More concerns"
dee form submit "$form"
check "a second REF joins the open referral" has "$T/out" \
	"Added to the open referral #1 (sam, Assessment Team 1)"
sam record add contact --person "$child" "contact_date=23/11/2026 10:00" \
	source=6 "reason=Police again" decision=NFA
ok $rc "an NFA contact makes nothing"
dee form new visit --person "$child" --no-tui
form=$(cat "$T/out")
sam form discard "$form"
check "only the author discards a draft" has "$T/err" "only dee, who started"
dee form discard "$form"
check "the author does" has "$T/out" "Draft #$form discarded"

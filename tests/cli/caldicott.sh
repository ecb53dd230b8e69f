#!/bin/sh
# The Caldicott review from the command line: break-glass fills the list,
# information governance closes it, and reports who opened a record.
. "$top_srcdir/tests/lib.sh"
plan 9
db="$T/c.db"
db_with sam:social tess:social iggy:governance mo:manager

as sam person add --family-name Hidden --given-names Hal --dob 2013-01-01
hid=$(cat "$T/out")
as mo record update person "$hid" restricted=yes
as tess person show "$hid" --reason "police call at 02:10, child at risk"
ok $rc "tess breaks glass"

as tess caldicott list
check "a social worker may not see the review list" test $rc -eq 4
as iggy caldicott list
check "the break-glass is on the list with its reason" sh -c \
	"grep -q 'tess (social)  break-glass person #$hid  \[FLAGGED\]' '$T/out' && grep -q 'reason: police call at 02:10' '$T/out'"
check "the list counts what is left to review (the restricting too)" has "$T/out" "2 to review"
seq=$(awk '/break-glass/ { print $1; exit }' "$T/out")
as iggy caldicott close "$seq" --outcome maybe --note "checked the log"
check "an unknown outcome is refused" has "$T/err" \
	"appropriate, inappropriate or referred"
as iggy caldicott close "$seq" --outcome appropriate --note "Checked the police log"
ok $rc "caldicott close"
as iggy caldicott list
check "only the manager's restricting is left to review" sh -c \
	"grep -q '1 to review' '$T/out' && grep -q 'mo (manager)  update person #$hid  \[FLAGGED\]' '$T/out'"
as iggy caldicott list --all
check "--all shows the outcome" has "$T/out" "by iggy: appropriate. Checked the police log"
as iggy caldicott access "$hid"
check "the access report has a line per user" sh -c \
	"grep -q '^  tess  *social  *[1-9][0-9]*  *0  *1  2026' '$T/out' && grep -q '^  sam  *social  *[0-9]*  *[1-9] *0  2026' '$T/out' && ! grep -q iggy '$T/out'"

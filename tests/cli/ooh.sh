#!/bin/sh
# Out of hours from the command line: the quick look (a known child, an
# unknown name, a restricted person masked), the handover lists and the
# team manager's flag when nobody has accepted by 10:00 the next working
# day, over the August bank holiday.
. "$top_srcdir/tests/lib.sh"
plan 8
db="$T/x.db"
export TZ=UTC
export CASEDESK_NOW=2026-08-29T22:10:00.000Z
db_with sam:social olu:ooh dee:duty mo:manager

as sam person add --family-name Night --given-names Nia --dob 2019-04-01 --sex F
nia=$(cat "$T/out")
as sam record update person "$nia" \
	"ooh_instructions=Grandmother (020 7000 1234) can take her at any hour." \
	"risk_to_workers=Dog at the address"
as sam person add --family-name Secret --given-names Sol --dob 2014-04-04 --sex M
sol=$(cat "$T/out")
as mo record update person "$sol" restricted=yes

as olu look Night
check "the quick look starts with the night's instructions and the risks" sh -c \
	"head -1 '$T/out' | grep -q 'Night, Nia  #$nia  F  7' && grep -q 'IF CONTACTED OUT OF HOURS: Grandmother' '$T/out' && grep -q '!! RISK TO WORKERS: Dog' '$T/out'"
check "every line fits 78 columns" sh -c "! awk 'length > 78' '$T/out' | grep -q ."
as olu look Zyxwvut
check "an unknown name says so" has "$T/out" "not known to us"
as olu look Secret
check "a restricted person is masked" sh -c \
	"grep -q '(restricted record)' '$T/out' && ! grep -q 'Sol' '$T/out'"

as olu record add ooh_record --person "$nia" call_time=2026-08-29T22:05 \
	"caller=PC 4411 Hart" "reported=Mother arrested; Nia alone" \
	emergency_action=PLACE legal_basis=S20 action_time=2026-08-29T22:10 \
	placement_type=U3 provider=PR1 "placement_postcode=N17 0UF" \
	"carer=Grandmother" "carer_phone=020 7000 1234"
rec=$(cat "$T/out")
as dee handover list --duty
check "the duty desk has it: nobody is allocated" has "$T/out" \
	"Night, Nia                 29/08 22:10 to duty desk PLACE"
export CASEDESK_NOW=2026-08-31T12:00:00.000Z
as mo handover list --all
check "on the bank holiday Monday it is not yet late" sh -c \
	"grep -q 'Night, Nia' '$T/out' && ! grep -q 'NOT ACCEPTED' '$T/out'"
export CASEDESK_NOW=2026-09-01T10:05:00.000Z
as mo handover list --all
check "at 10:05 on Tuesday the manager sees it flagged" has "$T/out" \
	"NOT ACCEPTED by 2026-09-01T10:00"
as dee handover accept "$rec"
as mo handover list --all
check "accepted, it leaves every list" has "$T/out" "0 handed over"

#!/bin/sh
# Subject access from the command line: the request, the 13-and-over
# consent rule, the redacted pack written 0600, and the release log.
. "$top_srcdir/tests/lib.sh"
plan 17
db="$T/s.db"
export CASEDESK_NOW=2026-11-23T09:30:00.000Z
db_with sam:social iggy:governance

as sam person add --family-name Khan --given-names Zara --dob 2012-03-01
zara=$(cat "$T/out")
as sam person add --family-name Khan --given-names Amina --dob 1988-04-04
mum=$(cat "$T/out")
as sam person add --family-name Hussain --given-names Bilal --dob 1985-06-07
dad=$(cat "$T/out")
as sam person relate "$mum" mother "$zara" --pr
as sam person relate "$dad" father "$zara"
as sam record add contact --person "$zara" "contact_date=01/11/2026 10:00" \
	source=6 "reason=Bilal Hussain shouted at Zara in the street" decision=NFA

as iggy record add sar_request --person "$zara" received_date=2026-11-02 \
	"requester_name=Amina Khan" requester_relationship=PARENT requester_id="$mum"
ok $rc "record add sar_request"
req=$(cat "$T/out")
as sam export sar --person "$zara" --out "$T/pack.txt"
check "a social worker may not build a pack" sh -c "[ $rc -eq 4 ] && [ ! -e '$T/pack.txt' ]"
as iggy export sar --person "$zara" --out "$T/pack.txt" --request "$req"
check "a parent asking about a 14-year-old needs her consent" has "$T/err" \
	"was 14 when the request came: their own consent is needed before the record goes to a parent"
check "and nothing was written" test ! -e "$T/pack.txt"

as iggy record add consent --person "$zara" consent_date=2026-11-10 purpose=SAR given_by=CHILD
ok $rc "record add consent"
as iggy export sar --person "$zara" --out "$T/pack.txt" --request "$req"
ok $rc "export sar with the request"
check "the command says where, and 0600" has "$T/out" "written to $T/pack.txt (mode 0600). The release is logged"
check "the file is 0600" test "$(stat -c %a "$T/pack.txt")" = 600
check "the pack has the request's due date" has "$T/pack.txt" "received 2026-11-02, due 2026-12-02"
check "the child's and the requester's names stay" sh -c \
	"grep -q 'Zara' '$T/pack.txt' && grep -q 'Khan, Amina (the requester)' '$T/pack.txt'"
check "the father is redacted everywhere, even in free text" sh -c \
	"! grep -qi -e bilal -e hussain '$T/pack.txt' && grep -q '\[third party\] \[third party\] shouted at Zara' '$T/pack.txt'"
as iggy person show "$zara"
check "the release is logged as a disclosure" sh -c \
	"grep -q 'Subject access pack for #$zara' '$T/out' && grep -q 'Amina Khan' '$T/out'"
as iggy export sar --person "$zara" --out "$T/again.txt" --request "$req"
check "a released request cannot be released again" has "$T/err" "is RELEASED, not open"
as iggy export sar --person "$zara" --out "$T/full.html"
check "the review pack is printable HTML, 0600, marked not for release" sh -c \
	"[ \$(stat -c %a '$T/full.html') = 600 ] && grep -q '<!DOCTYPE html>' '$T/full.html' && grep -q 'NOT FOR RELEASE' '$T/full.html'"

# Governance records requests through the form too, and no casework forms.
as iggy form new visit --person "$zara" --no-tui
check "governance may not start a visit form" test $rc -eq 4
as iggy form new sar-request --person "$zara" --no-tui
ok $rc "governance starts a subject access request form"
f=$(cat "$T/out")
as iggy form set "$f" "requester_name=Zara Khan" requester_relationship=SELF
as iggy form submit "$f"
as iggy person show "$zara"
check "the submitted form is a request on the record" sh -c \
	"grep -q 'Requested by  *Zara Khan' '$T/out'"

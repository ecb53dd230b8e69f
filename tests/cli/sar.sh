#!/bin/sh
# Subject access from the command line, receipt to release: the requester's
# checks, consent naming the requester, the review copy with every
# redaction marked, a second person's approval, the pack with its letter
# written 0600 and the release log.
. "$top_srcdir/tests/lib.sh"
plan 33
db="$T/s.db"
export CASEDESK_NOW=2026-11-23T09:30:00.000Z
db_with sam:social iggy:governance gail:governance

as sam person add --family-name Khan --given-names Zara --dob 2012-03-01
zara=$(cat "$T/out")
as sam person add --family-name Khan --given-names Amina --dob 1988-04-04
mum=$(cat "$T/out")
as sam person add --family-name Hussain --given-names Bilal --dob 1985-06-07
dad=$(cat "$T/out")
as sam person relate "$mum" mother "$zara" --pr
as sam person relate "$dad" father "$zara"
as sam record add contact --person "$zara" "contact_date=01/11/2026 10:00" \
	source=6 "reason=Bilal Hussain shouted at Zara in the street; he is on 07700 900123" decision=NFA

as iggy record add sar_request --person "$zara" received_date=2026-11-02 \
	"requester_name=Amina Khan" requester_relationship=PARENT requester_id="$mum"
ok $rc "record add sar_request"
req=$(cat "$T/out")
as sam sar prepare "$req"
check "a social worker may not prepare a pack" test $rc -eq 4
as iggy sar show "$req"
check "show says what the request still needs" sh -c \
	"grep -q 'needed and not recorded' '$T/out' && grep -q 'Before release: ' '$T/out'"
as iggy record add consent --person "$zara" consent_date=2026-11-10 purpose=SAR \
	given_by=CHILD allows_id="$dad" decision=REFUSED
as iggy record add consent --person "$zara" consent_date=2026-11-10 purpose=SAR \
	given_by=CHILD allows_id="$mum" decision=GIVEN
as iggy sar show "$req"
check "a consent naming the mother counts for her request" has "$T/out" \
	"given, naming this request or requester"
check "and the identity check is still wanted" has "$T/out" \
	"identity is not recorded as checked"
as iggy record update sar_request "$req" identity_checked=yes \
	"identity_evidence=Passport and a council tax bill seen"
as iggy record update sar_request "$req" status=APPROVED
check "nobody sets the status by hand" sh -c "[ $rc -ne 0 ]"

as iggy sar release "$req" --out "$T/pack.txt"
check "no release before a pack is approved" sh -c \
	"[ $rc -eq 4 ] && grep -q 'second person has approved' '$T/err' && [ ! -e '$T/pack.txt' ]"
as iggy sar prepare "$req"
ok $rc "sar prepare"
check "it says what it proposes" has "$T/out" "redactions proposed"
as iggy sar review "$req" --out "$T/review.txt"
ok $rc "sar review"
check "the review copy is 0600 and marks every redaction unredacted" sh -c \
	"[ \$(stat -c %a '$T/review.txt') = 600 ] && grep -q '{{REDACT R[0-9]* name: Bilal}}' '$T/review.txt' && grep -q 'phone: 07700 900123}}' '$T/review.txt'"
as iggy sar approve "$req"
check "the preparer may not approve" has "$T/err" "a second person approves it"
as gail sar approve "$req"
check "free text must be read first" has "$T/err" "not yet read"
items=$(sed -n 's/^\[item \([0-9]*\)\].*FREE TEXT.*/\1/p' "$T/review.txt")
as iggy sar read "$req" $items
ok $rc "sar read the free-text items"
as iggy sar redact "$req" --text street
check "a reviewer adds a redaction" has "$T/out" "1 redaction added"
as iggy sar withhold "$req" 1 --exemption MADE_UP --note x
check "an exemption must be one the law allows" sh -c "[ $rc -ne 0 ]"
as gail sar approve "$req"
ok $rc "a second person approves"

as iggy sar release "$req" --out "$T/pack.txt"
ok $rc "sar release"
check "the file is 0600" test "$(stat -c %a "$T/pack.txt")" = 600
check "the letter names the requester and the ICO" sh -c \
	"grep -q 'Dear Amina Khan,' '$T/pack.txt' && grep -q \"Information Commissioner's Office\" '$T/pack.txt'"
check "a council telephone not configured is left out, not left blank" sh -c \
	"grep -q 'Information governance' '$T/pack.txt' && ! grep -q 'telephone ,' '$T/pack.txt'"
check "the father, his number and the added redaction are out" sh -c \
	"! grep -qi -e bilal -e hussain -e 900123 -e street '$T/pack.txt' && grep -q '\[withheld: third party\] shouted at Zara' '$T/pack.txt'"
check "the dates are in words, not ISO" sh -c \
	"grep -q '1 November 2026 at 10:00' '$T/pack.txt' && ! grep -q 'contact_date' '$T/pack.txt'"
as iggy sar log "$req"
check "the release log names the approver" has "$T/out" "approved by gail"
as iggy person show "$zara"
check "the release is logged as a disclosure" sh -c \
	"grep -q 'A copy of the record in reply to a subject access request' '$T/out' && grep -q 'Amina Khan' '$T/out' && ! grep -q 'approved by gail' '$T/out'"
as iggy sar release "$req" --out "$T/again.txt"
check "a released request cannot be released again" has "$T/err" "is RELEASED"
as iggy export sar --person "$zara" --out "$T/full.html"
check "the whole record is printable HTML, 0600, marked not for release" sh -c \
	"[ \$(stat -c %a '$T/full.html') = 600 ] && grep -q '<!DOCTYPE html>' '$T/full.html' && grep -q 'NOT FOR RELEASE' '$T/full.html'"

# Governance records requests through the form too, and no casework forms.
as iggy form new visit --person "$zara" --no-tui
check "governance may not start a visit form" test $rc -eq 4
as iggy form new sar-request --person "$zara" --no-tui
f=$(cat "$T/out")
as iggy form set "$f" "requester_name=Zara Khan" requester_relationship=SELF
as iggy form submit "$f"
as iggy person show "$zara"
check "the submitted form is a request on the record" sh -c \
	"grep -q 'Requested by  *Zara Khan' '$T/out'"

# read_through REQ [TEXT]: freeze REQ's pack (redacting TEXT too), review
# it and mark every free-text item read, ready for a second person.
read_through() {
	as iggy sar prepare "$1"
	[ -z "$2" ] || as iggy sar redact "$1" --text "$2"
	as iggy sar review "$1" --out "$T/review-$1.txt"
	as iggy sar read "$1" $(sed -n \
		's/^\[item \([0-9]*\)\].*FREE TEXT.*/\1/p' "$T/review-$1.txt")
}

# mum_asks DATE: the mother's request about Zara, her identity checked.
mum_asks() {
	as iggy record add sar_request --person "$zara" received_date="$1" \
		"requester_name=Amina Khan" requester_relationship=PARENT \
		requester_id="$mum" identity_checked=yes identity_evidence=Passport
}

# The father Zara refused, asking as if he were her: refused all the same.
as iggy record add sar_request --person "$zara" received_date=2026-11-12 \
	"requester_name=Bilal Hussain" requester_relationship=SELF \
	requester_id="$dad" identity_checked=yes identity_evidence=Passport
self=$(cat "$T/out")
as iggy sar show "$self"
check "a request 'from the person' naming someone else is not theirs" has \
	"$T/out" "recorded as from the person themselves, but its requester is #$dad"
read_through "$self"
as gail sar approve "$self"
check "and no second person can approve it" has "$T/err" \
	"recorded as from the person themselves"

# Released through export sar --request, the letter carries the council's
# name and contact from the configuration, as sar release's does.
printf '[borough]\nname = Testing Borough\noffice_phone = 020 7946 0000\n[information]\ncontact = dpo@testing.example\n' >> "$T/test.ini"
mum_asks 2026-11-12
again=$(cat "$T/out")
read_through "$again"
as gail sar approve "$again"
as gail export sar --person "$zara" --request "$again" --out "$T/export.txt"
check "export sar --request writes the council's letter" sh -c \
	"head -1 '$T/export.txt' | grep -q 'Testing Borough' && grep -q 'dpo@testing.example' '$T/export.txt' && grep -q '020 7946 0000' '$T/export.txt'"

# The PDF a family receives, read back as text: the father, his number
# and the added redaction are not in it, and the letter is.
mum_asks 2026-11-14
pdf=$(cat "$T/out")
read_through "$pdf" street
as gail sar approve "$pdf"
as gail sar release "$pdf" --out "$T/pack.pdf"
pdftotext "$T/pack.pdf" "$T/pack-pdf.txt" 2>/dev/null
check "the released PDF's text holds the letter and no third party" sh -c \
	"grep -q 'Dear Amina Khan,' '$T/pack-pdf.txt' && grep -q 'Testing Borough' '$T/pack-pdf.txt' && grep -q 'Zara' '$T/pack-pdf.txt' && ! grep -qi -e bilal -e hussain -e 900123 -e street -e '#$dad' '$T/pack-pdf.txt'"

#!/bin/sh
# The retention schedule from the command line: who may see it, what is due,
# legal holds, confirmation, destruction and its certificate.
. "$top_srcdir/tests/lib.sh"
plan 30
db="$T/r.db"
export CASEDESK_NOW=2026-11-23T09:30:00.000Z
db_with sam:social iggy:governance
sam() { as sam "$@"; }
iggy() { as iggy "$@"; }

# A contact closed in 1999 (due 2024), one closed in 2020 (due 2045) and
# one still waiting for a decision.
sam person add --family-name Oldcastle --given-names Wilhelmina --dob 1990-01-01
old=$(cat "$T/out")
sam record add contact --person "$old" "contact_date=10/01/1999 10:00" \
	source=6 "reason=Wilhelmina left alone overnight" decision=NFA \
	decision_date=1999-01-11
sam person add --family-name Newcombe --given-names Ted --dob 2012-01-01
new=$(cat "$T/out")
sam record add contact --person "$new" "contact_date=10/01/2020 10:00" \
	source=6 decision=NFA decision_date=2020-01-10
sam person add --family-name Opencase --given-names Ava --dob 2012-01-01
open=$(cat "$T/out")
sam record add contact --person "$open" "contact_date=10/01/1999 10:00" source=6
# Wilhelmina's mother has no case of her own; her father is Ted's father too.
sam person add --family-name Oldcastle --given-names Margery --dob 1960-01-01
mum=$(cat "$T/out")
sam person relate "$mum" mother "$old" --pr
sam person add --family-name Fathering --given-names Frank --dob 1958-01-01
dad=$(cat "$T/out")
sam person relate "$dad" father "$old"
sam person relate "$dad" father "$new"
sam person add --family-name Loner --given-names Lou --dob 1970-01-01

sam retention list
check "a social worker may not read the schedule" has "$T/err" \
	"only information governance"
iggy retention list --as-of 2026-11-23
ok $rc "retention list"
check "the 1999 contact is due, with its class and rule" sh -c \
	"grep -q '^#$old .*child-in-need .*due 2024-01-11' '$T/out'"
check "the 2020 contact and the open one are not" has "$T/out" \
	"2 due for destruction; 0 under a legal hold; 1 with an open case; 1 not yet due."
check "the schedule lists no names" sh -c "! grep -q Oldcastle '$T/out'"
check "a relative with no case of her own goes with the last record" sh -c \
	"grep -q '^#$mum .*relative .*due 2024-01-11  with #$old' '$T/out'"
check "every person is counted, the father kept for Ted's record" has "$T/out" \
	"6 people in all: 1 relatives with no case of their own due with the last record that needs them; 1 kept while another's record is; 1 with no case and no relative with one"
iggy retention list --as-of 2026-11-23 --kept
check "--kept says who keeps whom, and until when" has "$T/out" \
	"kept #$dad needed by #$new: 2045-01-10"
iggy retention list --as-of 2046-01-01
check "--as-of looks ahead" has "$T/out" "4 due for destruction"

iggy retention hold "$old" --kind lawsuit --reason "Claim 2026/114"
check "a hold of an unknown kind is refused" has "$T/err" \
	"litigation, inquiry, sar or other"
iggy retention hold "$old" --kind sar --reason "Subject access request SAR-88"
ok $rc "retention hold"
iggy retention list --as-of 2026-11-23
check "a held record is not due, nor its relative" has "$T/out" "0 due for destruction; 1 under a legal hold"
iggy retention hold "$old" --lift
ok $rc "retention hold --lift"

rc=0
setsid "$CASEDESK" --config "$T/test.ini" retention apply --db "$db" \
	--user iggy --passphrase-fd 3 3<"$T/pw" </dev/null >"$T/out" 2>"$T/err" || rc=$?
check "without a terminal or --confirm nothing is destroyed" sh -c \
	"[ $rc -ne 0 ] && grep -q 'not confirmed' '$T/err'"
sam search Oldcastle
check "so the record is still there" grep -q "^#$old .*Oldcastle" "$T/out"

# A backup made before the destruction.
pw "alice long passphrase"
cdx backup --out "$T/before.db" --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
ok $rc "a backup before the destruction"
iggy retention apply --confirm --certificate "$T/cert.txt" --authoriser iggy
check "the second authoriser is someone else" has "$T/err" "is someone else"
iggy retention apply --confirm --certificate "$T/cert.txt" --authoriser sam
check "and information governance" has "$T/err" "not an active information governance user"
iggy retention apply --confirm --certificate "$T/cert.txt"
check "apply destroys the due record and its relative, naming the certificate" has "$T/out" \
	"Destroyed 2 records. Certificate written to $T/cert.txt (mode 0600)."
check "the certificate is 0600, names the records and no person" sh -c \
	"[ \$(stat -c %a '$T/cert.txt') = 600 ] && grep -q '#$old .*child-in-need: 25 years from 1999-01-11 (case closure), due 2024-01-11' '$T/cert.txt' && ! grep -q Oldcastle '$T/cert.txt'"
check "it carries the audit event, the counts and the backup that still holds them" sh -c \
	"grep -q 'audit event [0-9]' '$T/cert.txt' && grep -q '2 records destroyed: 1 child-in-need, 1 relative' '$T/cert.txt' && grep -q 'backup database at' '$T/cert.txt' && grep -q 'Legal holds: checked' '$T/cert.txt'"
sam search Oldcastle
check "the destroyed record and the relative are gone" sh -c \
	"! grep -q '^#$old ' '$T/out' && ! grep -q '^#$mum ' '$T/out'"
sam search Fathering
check "the father Ted still needs stays" grep -q "^#$dad " "$T/out"
# Restoring the old backup brings nobody back: the tombstones are re-applied.
pw "alice long passphrase"
cdx restore --from "$T/before.db" --db "$db" --force --user alice \
	--passphrase-fd 3 3<"$T/pw"
ok $rc "restore the backup made before"
sam search Oldcastle
check "a restored pre-destruction backup comes back without them" sh -c \
	"[ $rc -eq 0 ] && ! grep -q '^#$old ' '$T/out' && ! grep -q '^#$mum ' '$T/out'"
sam search Newcombe
check "the record not yet due remains" grep -q "^#$new .*Newcombe" "$T/out"
pw "alice long passphrase"
cdx audit verify --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
ok $rc "the audit chain still verifies"
iggy audit show --actor alice
check "the re-applied destruction is on the trail (the restore applied it)" has "$T/out" "tombstone"
# The backup itself, opened where it lies, loses them too.
pw "sam long passphrase"
cdx --db "$T/before.db" --user sam --passphrase-fd 3 search Oldcastle 3<"$T/pw"
check "a backup opened in place comes back without them" sh -c \
	"[ $rc -eq 0 ] && ! grep -q '^#$old ' '$T/out' && ! grep -q '^#$mum ' '$T/out'"
# Someone editing the tombstone list to bring a record back is caught.
sed -i "s/^$old /9$old /" "$T/r.tombstones"
sam search Newcombe
check "an altered tombstone list refuses the login" sh -c \
	"[ $rc -ne 0 ] && grep -q 'tombstone list .* has been altered' '$T/err'"

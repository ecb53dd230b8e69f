#!/bin/sh
# The case record from a script: person add, search, duplicates, show,
# relate, record add/update, break-glass and the audit of all of it.
. "$top_srcdir/tests/lib.sh"
plan 22
db="$T/p.db"
pw "alice long passphrase"
cdx init --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
pw "alice long passphrase" "sam long passphrase"
cdx user add sam --role social --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
pw "alice long passphrase" "mo long passphrase"
cdx user add mo --role manager --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
pw "alice long passphrase" "gwen long passphrase"
cdx user add gwen --role governance --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
sam() { pw "sam long passphrase"; cdx --db "$db" --user sam --passphrase-fd 3 "$@" 3<"$T/pw"; }
mo() { pw "mo long passphrase"; cdx --db "$db" --user mo --passphrase-fd 3 "$@" 3<"$T/pw"; }

sam person add --family-name Khan --given-names Muhammad --dob 02/03/2015 \
	--sex M --postcode "SM1 1EA"
ok $rc "person add Muhammad Khan"
khan=$(cat "$T/out")
check "person add prints the new id" test "$khan" = 1
sam search "Mohamed Khan"
check "search \"Mohamed Khan\" lists him first" sh -c "head -1 '$T/out' | grep -q '^#1 .*Khan, Muhammad'"
sam search 02/03/2015
check "search 02/03/2015 lists him first" sh -c "head -1 '$T/out' | grep -q '^#1 .*Khan, Muhammad'"
sam person add --family-name Khan --given-names Mohammed --dob 2015-03-02 --sex M
check "a likely duplicate exits 3" test $rc -eq 3
check "and names the existing record" grep -q "^#1 .*Khan, Muhammad.*same date of birth" "$T/err"
sam person add --family-name Khan --given-names Mohammed --dob 2015-03-02 \
	--sex M --no-match "a cousin: different parents, checked with the school"
ok $rc "--no-match creates the record"
twin=$(cat "$T/out")
pw "gwen long passphrase"
cdx audit show --db "$db" --user gwen --passphrase-fd 3 3<"$T/pw"
check "the no-match decision is in audit show" sh -c \
	"grep -q 'sam (social)  no-match person #$twin' '$T/out' && grep -q 'reason: a cousin' '$T/out'"

sam person add --family-name Khan --given-names Amina --dob 1988-04-04 --sex F
mum=$(cat "$T/out")
sam person relate "$mum" mother "$khan" --pr
ok $rc "person relate with parental responsibility"
sam record add contact --person "$khan" "contact_date=20/11/2026 09:15" \
	source=6 "reason=Police attended a domestic incident" decision=REF
ok $rc "record add contact"
sam record add care_period --person "$khan" start_date=2026-11-21
cp=$(cat "$T/out")
sam record add care_episode --person "$khan" care_period_id="$cp" \
	start_date=2026-11-21 legal_status=V2 placement_type=U6 reason_new=S \
	"placement_postcode=sm2 6jf" provider=PR1
ok $rc "record add care_episode"
sam record add care_episode --person "$khan" care_period_id="$cp" \
	start_date=2026-11-22 end_date=2026-11-01 legal_status=V2 \
	placement_type=U6 reason_new=P
check "an episode ending before it starts is refused" has "$T/err" \
	"End date (2026-11-01) is before Start date (2026-11-22)"
sam record add care_episode --person "$khan" care_period_id="$cp" \
	start_date=2026-11-22 legal_status=XX placement_type=U6 reason_new=P
check "a bad code names the field and the valid codes" has "$T/err" \
	'Legal status: "XX" is not a valid code (C1, C2'
sam record update person "$khan" first_language=Urdu ethnicity=APKN
ok $rc "record update"
sam person show "$khan"
check "person show has identity, family and the care episode" sh -c \
	"grep -q 'Khan' '$T/out' && grep -q 'mother .*Khan, Amina.*parental responsibility' '$T/out' && grep -q 'SM2 6JF' '$T/out' && grep -q 'APKN (Pakistani)' '$T/out'"

sam record update person "$mum" restricted=yes
check "a social worker may not restrict a record" sh -c \
	"test $rc -ne 0 && grep -q 'only team managers and information governance' '$T/err'"
mo record update person "$mum" restricted=yes
sam search Amina
check "a restricted person is masked in search" grep -q "^#$mum .*(restricted record)" "$T/out"
sam person show "$mum"
check "opening it without a reason is refused" has "$T/err" "break-glass"
sam person show "$mum" --reason "Police on the phone, child missing tonight"
check "break-glass with a reason opens it" has "$T/out" "Amina"
mo person merge "$khan" "$twin"
ok $rc "a team manager merges a duplicate"
pw "alice long passphrase"
cdx audit show --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "break-glass is flagged in the audit trail" grep -q "break-glass person #$mum  \[FLAGGED\]" "$T/out"
pw "alice long passphrase"
cdx audit verify --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "the chain verifies after the workload" has "$T/out" "chain intact"

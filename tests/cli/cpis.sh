#!/bin/sh
# The CP-IS upload from the command line: the phone numbers it needs, the
# children it picks, those held back for an NHS number, and changes only.
. "$top_srcdir/tests/lib.sh"
plan 9
db="$T/x.db"
export CASEDESK_NOW=2026-11-23T09:30:00.000Z
db_with sam:social iggy:governance
mkdir "$T/mesh"

as sam person add --family-name Plan --given-names Ann --dob 2015-01-01 --nhs 9434765919
ann=$(cat "$T/out")
as sam record update person "$ann" nhs_verified=yes
as sam record add cp_plan --person "$ann" start_date=2026-01-10 initial_category=NEG
as sam person add --family-name Nonum --given-names Noah --dob 2016-01-01
noah=$(cat "$T/out")
as sam record add cp_plan --person "$noah" start_date=2026-02-10 initial_category=PHY

as iggy export cpis --out "$T/mesh"
check "without the LA's phone numbers it refuses, saying which" has "$T/err" \
	"set [borough] office_phone and ooh_phone"
printf '[security]\nkdf = insecure-test\n[borough]\nname = Camden <Test>\noffice_phone = 020 7974 3317\nooh_phone = 020 7974 4444\n' > "$T/test.ini"
as sam export cpis --out "$T/mesh"
check "a social worker may not make the upload" test $rc -eq 4
as iggy export cpis --out "$T/mesh"
ok $rc "export cpis"
f=$(ls "$T/mesh"/CPIS_202_000001.xml 2>/dev/null)
check "the upload file is named by LA and sequence, 0600" sh -c \
	"[ -n '$f' ] && [ \$(stat -c %a '$f') = 600 ]"
check "it carries Ann's verified NHS number, plan start and the numbers" sh -c \
	"grep -q '<NHSNumber>9434765919</NHSNumber>' '$f' && grep -q '<CPPStartDate>2026-01-10</CPPStartDate>' '$f' && grep -q '<OutOfHoursPhone>020 7974 4444</OutOfHoursPhone>' '$f' && grep -q '<RecordCount>1</RecordCount>' '$f'"
check "names are escaped" grep -q "Camden &lt;Test&gt;" "$f"
check "Noah is held back for an NHS number" sh -c \
	"grep -q '#$noah .*CPP .*no NHS number' '$T/out'"
as iggy export cpis --out "$T/mesh"
check "the next upload has nothing unchanged to send" has "$T/out" \
	"Nothing to upload: 1 in-scope plan unchanged since the last upload."
as sam record add cp_plan --person "$ann" start_date=2026-11-01 initial_category=PHY
as iggy export cpis --out "$T/mesh"
check "a new plan goes in upload 2" sh -c \
	"grep -q 'Upload 2: 1 record' '$T/out' && grep -q '2026-11-01' '$T/mesh/CPIS_202_000002.xml'"

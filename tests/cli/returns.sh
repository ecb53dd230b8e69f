#!/bin/sh
# The statutory returns from the command line: who may make them, the
# files and their modes, the checks as a list with an exit status, and
# bad options named.
. "$top_srcdir/tests/lib.sh"
plan 12
db="$T/x.db"
export CASEDESK_NOW=2026-05-01T09:30:00.000Z
db_with sam:social ana:analyst

as sam person add --family-name Able --given-names Amy --dob 2015-06-10 --sex F
amy=$(cat "$T/out")
as sam record update person "$amy" upn=A318250000017 ethnicity=WBRI
as sam record add care_episode --person "$amy" start_date=2025-05-01 \
	legal_status=C2 placement_type=U4 provider=PR1 \
	placement_postcode="N17 0UF" reason_new=S category_of_need=N1
ep=$(cat "$T/out")

as sam export ssda903 --year 2026 --out "$T/903"
check "a social worker may not export the borough's return" sh -c \
	"[ $rc -eq 4 ] && grep -q 'may not produce statutory returns' '$T/err'"
as ana export ssda903 --year 26 --out "$T/903"
check "a two-digit year is refused, saying what is wanted" sh -c \
	"[ $rc -eq 2 ] && grep -q 'the year the collection ends' '$T/err'"
as ana export ssda903 --year 2026
check "with neither --out nor --check it says so" test $rc -eq 2
as ana export ssda903 --year 2026 --out "$T/903"
ok $rc "export ssda903"
check "all eleven tables are written, each 0600" sh -c \
	"[ \$(ls '$T/903'/*.csv | wc -l) -eq 11 ] && [ -z \"\$(find '$T/903' -name '*.csv' ! -perm 600)\" ]"
check "the episode has the published columns and DD/MM/YYYY dates" sh -c \
	"head -1 '$T/903/episodes.csv' | grep -q '^CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN' && grep -q '^$amy,01/05/2025,S,C2,N1,U4,PR1,' '$T/903/episodes.csv'"
as ana export ssda903 --year 2026 --check
check "--check lists the missing URN and exits 1" sh -c \
	"[ $rc -eq 1 ] && grep -q '#$amy .*903-URN .*care_episode #$ep urn' '$T/out'"
check "and the missing home address, with the form that records it" \
	grep -q "903-POSTCODE .*form address .*no home address" "$T/out"
as sam record update care_episode "$ep" urn=SC123456
as sam record add address --person "$amy" line1="1 High St" \
	postcode="NW5 1TL" kind=home start_date=2010-01-01
as ana export ssda903 --year 2026 --check
check "once fixed, only what is still wrong is listed" sh -c \
	"! grep -q '903-URN\|903-POSTCODE' '$T/out'"
printf '[security]\nkdf = insecure-test\n[borough]\ndfe_code = 31\n' > "$T/test.ini"
as ana export cin --year 2026 --out "$T/cin.xml"
check "the CIN census needs a 3-digit LA code, and says where to set it" \
	sh -c "grep -qF 'set dfe_code in [borough]' '$T/err' && [ ! -e '$T/cin.xml' ]"
printf '[security]\nkdf = insecure-test\n[borough]\ndfe_code = 318\n' > "$T/test.ini"
as ana export cin --year 2026 --out "$T/cin.xml"
check "with it, the census is written 0600 with no namespace" sh -c \
	"[ \$(stat -c %a '$T/cin.xml') = 600 ] && grep -q '^<Message>' '$T/cin.xml' && grep -q '<LEA>318</LEA>' '$T/cin.xml'"
as ana export annex-a --out "$T/annex.xlsx" --date 2026-03-31
check "Annex A as a workbook, 0600" sh -c \
	"[ $rc -eq 0 ] && [ \$(stat -c %a '$T/annex.xlsx') = 600 ] && grep -q 'list 8  1 row' '$T/out'"

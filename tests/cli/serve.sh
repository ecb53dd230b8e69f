#!/bin/sh
# Every export through `casedesk serve`, as ssh runs it (the command in
# SSH_ORIGINAL_COMMAND, the passphrase on standard input): each streams
# to standard output with --out -, byte for byte what a file would hold
# where the format allows, and none may name a file on the server. The
# system configuration here is the test's own (CASEDESK_SYSTEM_CONFIG,
# honoured only in the build tree).
. "$top_srcdir/tests/lib.sh"
plan 24
svc="$T/svc"
mkdir -m 700 "$svc"
db="$svc/x.db"
db_with sam:social ana:analyst gina:governance gail:governance
printf '[borough]\nname = Camden\ndfe_code = 202\nons_code = E09000007\noffice_phone = 020 7974 3317\nooh_phone = 020 7974 4444\n' > "$T/system.ini"
export CASEDESK_SYSTEM_CONFIG="$T/system.ini"

as sam person add --family-name Able --given-names Amy --dob 2015-06-10 \
	--sex F --nhs 9434765919
amy=$(cat "$T/out")
as sam record update person "$amy" upn=A318250000017 ethnicity=WBRI \
	nhs_verified=yes
as sam record add care_episode --person "$amy" start_date=2025-05-01 \
	legal_status=C2 placement_type=U4 provider=PR1 \
	placement_postcode="N17 0UF" reason_new=S category_of_need=N1
as sam record add cp_plan --person "$amy" start_date=2026-01-10 \
	initial_category=NEG

# served USER LINE: LINE as ssh hands it over, USER's passphrase on stdin.
served() {
	rc=0
	printf '%s long passphrase\n' "$1" > "$T/pw"
	SSH_ORIGINAL_COMMAND=$2 "$CASEDESK" serve --db "$db" --user "$1" \
		< "$T/pw" > "$T/out" 2> "$T/err" || rc=$?
}

served ana 'export cin --year 2026 --out -'
check "the CIN census streams as XML" sh -c "[ $rc -eq 0 ] &&
	head -c 5 '$T/out' | grep -q '<?xml' && grep -q '</Message>' '$T/out' &&
	grep -q '<LEA>202</LEA>' '$T/out'"
check "with the passphrase asked on stderr, what it holds after it" sh -c \
	"grep -q '^Passphrase for ana: ' '$T/err' && grep -q 'CIN census 2025/26: [0-9]* children streamed' '$T/err'"

served ana 'export ssda903 --year 2026 --out -'
cp "$T/out" "$T/903.tar"
ok $rc "export ssda903 --out - runs"
mkdir "$T/903s" && tar -xf "$T/903.tar" -C "$T/903s" 2>"$T/tar.err"
check "and streams a tar archive that tar unpacks" test $? -eq 0
check "the summary names the archive on stderr" grep -q \
	"SSDA903 2025/26: .* streamed as a tar archive" "$T/err"
cdx --db "$db" --user ana --passphrase-fd 3 export ssda903 --year 2026 \
	--out "$T/903f" 3<"$T/pw"
check "holding every table, each as export --out DIR writes it" sh -c "
	cd '$T/903f' && [ \$(ls | wc -l) -eq \$(ls '$T/903s' | wc -l) ] &&
	for f in *.csv; do cmp -s \"\$f\" '$T/903s/'\"\$f\" || exit 1; done"
check "episodes.csv has the child's episode" grep -q "^$amy,01/05/2025,S,C2" \
	"$T/903s/episodes.csv"
served ana 'export ssda903 --year 2026 --previous --out -'
check "--previous puts the year before in its own folder" sh -c \
	"tar -tf '$T/out' | grep -qx 'header.csv' && tar -tf '$T/out' | grep -qx '2025/header.csv'"

served ana 'export annex-a --date 2026-03-31 --out -'
check "Annex A streams as an .xlsx workbook" sh -c "[ $rc -eq 0 ] &&
	head -c 2 '$T/out' | grep -q PK && grep -q 'xl/worksheets/sheet11.xml' '$T/out'"
check "and leaves no scratch copy behind" sh -c \
	"! ls /dev/shm/casedesk-annexa-* /tmp/casedesk-annexa-* 2>/dev/null | grep -q ."

served gina 'export cpis --out -'
check "the CP-IS upload streams its XML" sh -c "[ $rc -eq 0 ] &&
	grep -q '<NHSNumber>9434765919</NHSNumber>' '$T/out' &&
	grep -q '</CPISUpload>' '$T/out'"
check "its file name on stderr" grep -q \
	"Upload 1: [0-9]* records\? .* streamed as CPIS_202_000001.xml" "$T/err"
served gina 'export cpis --out -'
check "and the upload recorded: the next has nothing to send" sh -c \
	"[ $rc -eq 0 ] && [ ! -s '$T/out' ] && grep -q 'Nothing to upload' '$T/err'"

served gina "export sar --person $amy --out -"
check "a governance review of the whole record streams as text" sh -c \
	"[ $rc -eq 0 ] && grep -q 'WHOLE RECORD FOR INFORMATION GOVERNANCE' '$T/out' && grep -q Able '$T/out'"
served gina "export sar --person $amy --out - --format html"
check "or as HTML with --format html" sh -c \
	"[ $rc -eq 0 ] && grep -qi '<html' '$T/out'"
served gina "export sar --person $amy --out - --format pdf"
check "or as PDF" sh -c "[ $rc -eq 0 ] && head -c 5 '$T/out' | grep -q '%PDF'"
served gina "export sar --person $amy --out - --format doc"
check "another format is refused, naming it" sh -c \
	"[ $rc -eq 2 ] && grep -q 'text, html or pdf, not \"doc\"' '$T/err'"

# A subject access request over ssh, as governance on a thin terminal
# would: prepared and approved on the served command line, the review copy
# and the released pack streamed back.
as sam person add --family-name Khan --given-names Zara --dob 2012-03-01
zara=$(cat "$T/out")
as sam person add --family-name Khan --given-names Amina --dob 1988-04-04
mum=$(cat "$T/out")
as sam person relate "$mum" mother "$zara" --pr
as gina record add sar_request --person "$zara" received_date=2026-11-02 \
	"requester_name=Amina Khan" requester_relationship=PARENT \
	requester_id="$mum" identity_checked=yes \
	"identity_evidence=Passport seen"
req=$(cat "$T/out")
as gina record add consent --person "$zara" consent_date=2026-11-10 \
	purpose=SAR given_by=CHILD allows_id="$mum" decision=GIVEN
served gina "sar prepare $req"
check "sar prepare is a served verb" test $rc -eq 0
served gina "sar review $req --out -"
check "sar review --out - streams the review copy" sh -c \
	"[ $rc -eq 0 ] && grep -q 'REVIEW COPY - NOT FOR RELEASE' '$T/out' && grep -q 'Review copy of request' '$T/err'"
items=$(sed -n 's/^\[item \([0-9]*\)\].*FREE TEXT.*/\1/p' "$T/out")
[ -n "$items" ] && served gina "sar read $req $items"
served gail "sar approve $req"
check "a second person approves over ssh" test $rc -eq 0
served gina "sar release $req --out - --format html"
check "sar release --out - streams the pack, and logs the release" sh -c \
	"[ $rc -eq 0 ] && grep -qi '<html' '$T/out' && grep -q 'Dear Amina Khan' '$T/out' && grep -q 'release is logged' '$T/err'"
served gina "sar review $req --out $T/review.txt"
check "and neither names a file on the server" sh -c \
	"grep -q 'names a file on the server' '$T/err' && [ ! -e '$T/review.txt' ]"

bad=
for line in "export cin --year 2026 --out $T/x.xml" \
	"export ssda903 --year 2026 --out $T/x" "export annex-a --out $T/x.xlsx" \
	"export cpis --out $T" "export sar --person $amy --out $T/x.txt"; do
	served gina "$line"
	grep -q 'names a file on the server' "$T/err" || bad="$bad [$line]"
done
check "no export may name a file on the server" sh -c \
	"[ -z '$bad' ] && [ ! -e '$T/x.xml' ] && [ ! -e '$T/x' ] && [ ! -e '$T/x.xlsx' ] && [ ! -e '$T/x.txt' ]"
served ana 'export cin --year 2026 --out - --config /tmp/evil.ini'
check "nor bring its own configuration" grep -q -- \
	'--config is not allowed over ssh' "$T/err"

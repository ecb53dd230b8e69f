#!/bin/sh
# Forms from the command line: list, check, and a form filled and submitted
# from a script, with its typed answers landing in the record.
. "$top_srcdir/tests/lib.sh"
plan 19
db="$T/f.db"

cdx forms check
ok $rc "the shipped forms check clean"
cdx forms check "$top_srcdir/tests/data/forms-bad"
check "a broken forms folder exits 1" test $rc -eq 1
check "and names file, section and key" grep -q \
	"broken.ini: \[form\] needs_authorisation: \"perhaps\" is not yes or no" "$T/out"

db_with sam:social eve:education mo:manager
as alice forms list
check "forms list shows every form installed at init" test "$(wc -l < "$T/out")" -ge 28
check "one line each: code, title, version, subject" \
	grep -q "^contact  *Contact record  *v1 person$" "$T/out"
as alice audit show --actor alice
check "each shipped definition's install is audited" \
	test "$(grep -c ' install ' "$T/out")" -ge 28

# A copied forms folder, named in a user's own configuration, that gives
# the education partner assessments and drops the manager's authorisation.
mkdir -p "$T/evil"
cp -r "$top_srcdir/forms/defs" "$top_srcdir/forms/codes" "$T/evil/"
sed -i -e 's/^read = .*/read = duty social manager ooh governance trainer adoption education/' \
	-e 's/^write = .*/write = duty social manager ooh trainer education/' \
	-e 's/^needs_authorisation = .*/needs_authorisation = no/' "$T/evil/defs/assessment.ini"
printf '[security]\nkdf = insecure-test\n[forms]\ndir = %s\n' "$T/evil" > "$T/evil.ini"
evil() { who=$1; shift; pw "$who long passphrase"; rc=0
	"$CASEDESK" --config "$T/evil.ini" --db "$db" --user "$who" \
		--passphrase-fd 3 "$@" 3<"$T/pw" >"$T/out" 2>"$T/err" || rc=$?; }
as sam person add --family-name Copy --given-names Cal --dob 2014-02-02
as alice person link 1 --to eve --as education
evil eve form new assessment --person 1 --no-tui
check "a copied forms folder gives the education partner no assessment" \
	sh -c "test $rc -ne 0 && grep -q 'may not write assessment' '$T/err'"
evil sam form new assessment --person 1 --no-tui
evil sam form set 1 start_date=2026-11-02 child_seen_date=2026-11-03 \
	completed_date=2026-11-20 child_views=Fine factors=2A outcome=None \
	"analysis=Seen, safe"
evil sam form submit 1
check "nor lets a social worker's assessment skip the manager" \
	sh -c "grep -q 'submitted' '$T/out' && ! grep -q 'authorised' '$T/out'"
evil sam forms install "$T/evil"
check "installing forms is an administrator's act" \
	sh -c "test $rc -ne 0 && grep -q 'only an administrator' '$T/err'"
as alice forms install
check "installing the same forms again changes nothing" \
	has "$T/out" "0 definitions installed"
pw "alice long passphrase"
cdx --db "$db" --user alice --passphrase-fd 3 forms install "$T/evil" 3<"$T/pw"
check "an administrator installs a changed folder, one definition" \
	has "$T/out" "1 definition installed"
as eve form new assessment --person 1 --no-tui
ok $rc "and only then do the roles change"
as alice audit verify
ok $rc "the installs verify"

sam() { pw "sam long passphrase"; cdx --db "$db" --user sam --passphrase-fd 3 "$@" 3<"$T/pw"; }
sam person add --family-name Script --given-names Sol --dob 2015-01-01
pid=$(tail -1 "$T/out")
sam form new visit --person "$pid" --no-tui
fid=$(tail -1 "$T/out")
ok $rc "form new prints the form's number"
sam form set "$fid" kind=cp visit_date=y seen=yes seen_alone=no bedroom_seen=yes
ok $rc "form set saves answers"
sam form submit "$fid"
check "submit lists what is missing" has "$T/err" "still to fill in: Observations"
sam form set "$fid" "observations=Calm, talked about school"
sam form submit "$fid"
check "a visit needs no authorisation" has "$T/out" "is authorised."
sam person show "$pid"
check "the typed answers are in the visit record" sh -c \
	"grep -q 'Kind of visit *cp (child protection visit)' '$T/out' && grep -q 'Note *Calm, talked about school' '$T/out'"
sam form set "$fid" "observations=changed"
check "a submitted form no longer changes" has "$T/err" "only drafts and returned forms can change"

#!/bin/sh
# Forms from the command line: list, check, and a form filled and submitted
# from a script, with its typed answers landing in the record.
. "$top_srcdir/tests/lib.sh"
plan 11
db="$T/f.db"

cdx forms list
check "forms list shows every shipped form" test "$(wc -l < "$T/out")" -ge 28
check "one line each: code, title, version, subject" \
	grep -q "^contact  *Contact record  *v1 person$" "$T/out"
cdx forms check
ok $rc "the shipped forms check clean"
cdx forms check "$top_srcdir/tests/data/forms-bad"
check "a broken forms folder exits 1" test $rc -eq 1
check "and names file, section and key" grep -q \
	"broken.ini: \[form\] needs_authorisation: \"perhaps\" is not yes or no" "$T/out"

pw "alice long passphrase"
cdx init --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
pw "alice long passphrase" "sam long passphrase"
cdx user add sam --role social --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
sam() { pw "sam long passphrase"; cdx --db "$db" --user sam --passphrase-fd 3 "$@" 3<"$T/pw"; }
sam person add --family-name Script --given-names Sol --dob 2015-01-01
sam form new visit --person 1 --no-tui
ok $rc "form new prints the form's number"
sam form set 1 kind=cp visit_date=y seen=yes seen_alone=no bedroom_seen=yes
ok $rc "form set saves answers"
sam form submit 1
check "submit lists what is missing" has "$T/err" "still to fill in: Observations"
sam form set 1 "observations=Calm, talked about school"
sam form submit 1
check "a visit needs no authorisation" has "$T/out" "Form #1 is authorised."
sam person show 1
check "the typed answers are in the visit record" sh -c \
	"grep -q 'Kind of visit *cp (child protection visit)' '$T/out' && grep -q 'Note *Calm, talked about school' '$T/out'"
sam form set 1 "observations=changed"
check "a submitted form no longer changes" has "$T/err" "only drafts and returned forms can change"

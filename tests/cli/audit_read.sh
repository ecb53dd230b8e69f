#!/bin/sh
# The audit trail read under the rules of the record: an administrator
# sees who did what but no personal data, every reading is itself on the
# trail, governance sees a restricted person's details only by breaking
# glass, and nothing a user typed reaches a terminal raw.
. "$top_srcdir/tests/lib.sh"
plan 11
db="$T/a.db"
db_with sam:social iggy:governance mo:manager

as sam person add --family-name Quenby --given-names Ottoline --dob 2014-07-08 \
	--nhs 9434765919
pid=$(cat "$T/out")
as sam person show "$pid"
as alice audit show
check "an administrator's audit show holds no name, date of birth or NHS number" \
	sh -c "test $rc -eq 0 && ! grep -qi -e quenby -e ottoline -e 2014-07-08 -e 9434765919 '$T/out'"
check "but still says who did what to which record" \
	grep -q "sam (social)  view person #$pid" "$T/out"
as iggy audit show --actor alice
check "and the administrator's reading is itself an audited event" \
	grep -q "alice (admin)  view audit_event" "$T/out"
as iggy audit show --person "$pid"
check "governance reads the details of a person it may read" \
	grep -q "family_name: Quenby" "$T/out"

as sam person add --family-name Hidden --given-names Hal --dob 2013-01-01
hid=$(cat "$T/out")
as sam record update person "$hid" given_names=Halcyon
as mo record update person "$hid" restricted=yes
as iggy audit show --person "$hid"
check "a restricted person's details are withheld from governance" sh -c \
	"! grep -q 'Halcyon' '$T/out' && grep -q 'details withheld' '$T/out'"
as iggy audit show --person "$hid" --reason "Caldicott review of the change log"
check "and shown once governance breaks glass (itself flagged)" sh -c \
	"grep -q 'Hal -> Halcyon' '$T/out' && grep -q 'iggy (governance)  break-glass person #$hid  \[FLAGGED\]' '$T/out'"

# A failed login under a name that is a terminal escape sequence.
esc=$(printf '\033]2;owned\007\033[2J')
pw "anything at all"
cdx --db "$db" --user "$esc" --passphrase-fd 3 search x 3<"$T/pw"
check "the refusal names the user visibly, not as an escape" sh -c \
	"! grep -q \"\$(printf '\\033')\" '$T/err' && grep -qF '\\x1b]2;owned\\x07\\x1b[2J' '$T/err'"
as iggy audit show
check "audit show prints it visibly" sh -c \
	"! grep -q \"\$(printf '\\033')\" '$T/out' && grep -qF 'user: \\x1b]2;owned\\x07\\x1b[2J' '$T/out'"
as iggy person show "$pid" --reason "$(printf 'why\033[2J')"
as iggy caldicott list
check "caldicott list prints a break-glass reason visibly" sh -c \
	"! grep -q \"\$(printf '\\033')\" '$T/out'"
as alice audit verify
ok $rc "the trail verifies"
pw "alice long passphrase" "eve long passphrase"
cdx user add eve --role duty --full-name "$(printf 'Eve\033[2J')" --db "$db" \
	--user alice --passphrase-fd 3 3<"$T/pw"
check "a full name carrying an escape is refused" sh -c \
	"test $rc -ne 0 && grep -q 'may not hold control characters' '$T/err'"

#!/bin/sh
# Backup and restore: a backup taken while someone keeps saving is a
# consistent, still-encrypted copy that opens with its own keyring and
# verifies; restored, it holds every save acknowledged before it began;
# a live database is replaced only when asked.
. "$top_srcdir/tests/lib.sh"
plan 16
db="$T/x.db"
db_with sam:social gina:governance
as sam person add --family-name Backup --given-names Bea --dob 2014-01-01
p=$(cat "$T/out")

# Someone saving all the while.
(
	printf 'sam long passphrase\n' > "$T/pw.sam"
	k=0
	while [ ! -e "$T/stop" ] && [ $k -lt 400 ]; do
		k=$((k + 1))
		"$CASEDESK" --config "$T/test.ini" --db "$db" --user sam \
			--passphrase-fd 3 record add chronology --person "$p" \
			event_date=2026-11-01 kind=note "summary=mid save $k" \
			3<"$T/pw.sam" > /dev/null 2>&1 && echo "$k" >> "$T/acked"
	done
) &
writer=$!
while [ "$(wc -l < "$T/acked" 2>/dev/null || echo 0)" -lt 10 ]; do sleep 0.05; done
cp "$T/acked" "$T/acked.before"
as sam backup --out "$T/b.db"
check "only the administrator takes backups" test $rc -eq 4
pw "alice long passphrase"
cdx backup --out "$T/b.db" --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
ok $rc "a backup while someone saves"
touch "$T/stop"; wait $writer
check "the copy, its keyring and anchor are there, 0600" sh -c \
	"for f in b.db b.keys b.anchor; do [ \$(stat -c %a '$T/'\$f) = 600 ] || exit 1; done"
check "the copy is still encrypted" sh -c "! strings '$T/b.db' | grep -q 'Backup\|mid save'"
cdx backup --out "$T/b.db" --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "a backup never overwrites" has "$T/err" "already exists"

pw "gina long passphrase"
cdx backup verify "$T/b.db" --user gina --passphrase-fd 3 3<"$T/pw"
check "backup verify opens it and checks the chain" has "$T/out" "audit chain is intact"

# A leaver disabled after the backup was taken.
pw "alice long passphrase"
cdx user disable gina --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
restore() { pw "$1"; shift; cdx restore --from "$T/b.db" --passphrase-fd 3 "$@" 3<"$T/pw"; }
restore "alice long passphrase" --db "$T/r.db"
check "restore asks who you are" sh -c \
	"[ $rc -eq 2 ] && grep -q 'an administrator' '$T/err' && [ ! -e '$T/r.db' ]"
restore "sam long passphrase" --db "$T/r.db" --user sam
check "restore without an administrator's passphrase is refused" sh -c \
	"[ $rc -ne 0 ] && grep -q 'only an administrator of the backup' '$T/err' && [ ! -e '$T/r.db' ]"
restore "not the passphrase" --db "$T/r.db" --user alice
check "and a wrong one too" sh -c "[ $rc -ne 0 ] && [ ! -e '$T/r.db' ]"
restore "alice long passphrase" --db "$db" --user alice
check "restore refuses to replace a live database" sh -c \
	"[ $rc -ne 0 ] && grep -q 'needs --force' '$T/err'"
restore "alice long passphrase" --db "$T/r.db" --user alice
ok $rc "restore to a new place"
pw "alice long passphrase"
cdx audit show --db "$T/r.db" --user alice --limit 100000 --passphrase-fd 3 3<"$T/pw"
check "the restored chain ends with the administrator's restore event" sh -c \
	"grep -q 'alice (admin)  restore database' '$T/out'"
as_r() { pw "sam long passphrase"; cdx --db "$T/r.db" --user sam --passphrase-fd 3 "$@" 3<"$T/pw"; }
as_r person show "$p"
missing=0
for k in $(cat "$T/acked.before"); do
	grep -q "mid save $k\$" "$T/out" || missing=$((missing + 1))
done
check "every save acknowledged before the backup is in it ($(wc -l < "$T/acked.before"))" \
	test "$missing" -eq 0
restore "alice long passphrase" --db "$db" --user alice --force
check "restoring over the database names the users it brings back" \
	has "$T/out" "enables users disabled or absent since it was taken: gina"
pw "gina long passphrase"
cdx audit verify --db "$db" --user gina --passphrase-fd 3 3<"$T/pw"
check "restored over the old one with --force, it opens and verifies" \
	has "$T/out" "chain intact"

ln -s "$T/nowhere.db" "$T/link.db"
pw "alice long passphrase"
cdx backup --out "$T/link.db" --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "backup --out refuses a link, even a dangling one" sh -c \
	"[ $rc -ne 0 ] && [ ! -e '$T/nowhere.db' ] && grep -q 'is a link' '$T/err'"

#!/bin/sh
# Nothing saved is readable on disk; the data key never appears there.
. "$top_srcdir/tests/lib.sh"
plan 8
db="$T/s.db"
marker="Quintessa Marmaduke-Oyelaran"
team="Marker Team Zeta"
pass="correct horse battery staple"

pw "$pass"
cdx init --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
pw "$pass" "another long passphrase"
cdx user add qm --role duty --full-name "$marker" --team "$team" \
	--db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
ok $rc "user with a marker name added"
# Files as they are mid-session (the WAL still holds the change) and after.
files="$db $db-wal $T/s.keys $T/s.anchor"
found=0
for f in $files; do
	[ -f "$f" ] || continue
	if strings -n 6 "$f" | grep -qF -e "Quintessa" -e "Marmaduke" -e "Zeta"; then
		found=1; echo "# marker found in $f"
	fi
done
ok $found "no marker text in the database, WAL, keyring or anchor"
found=0
for f in $files; do
	[ -f "$f" ] || continue
	if strings -n 6 "$f" | grep -qF -e "correct horse" -e "another long"; then
		found=1
	fi
done
ok $found "no passphrase text on disk"
check "the database has no plaintext SQLite header" sh -c \
	"! head -c 16 '$db' | grep -q 'SQLite format 3'"
pw "$pass"
cdx user list --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "the marker is there when unlocked" has "$T/out" "$marker"
check "the keyring holds user names but no personal details" sh -c \
	"grep -q qm '$T/s.keys' && ! strings '$T/s.keys' | grep -q Quintessa"
check "no failed-login notes left after a good login" test ! -e "$T/s.failed"
check "casedesk never writes the passphrase to its output" sh -c \
	"! grep -qF '$pass' '$T/out' '$T/err'"

#!/bin/sh
# Faults: a full disk (a file-size limit) during a save, a read-only
# database, a truncated or scribbled-on database file. Each is a clear
# error, and what was saved before is still there afterwards. (A database newer than this casedesk:
# tests/unit/test_store.c; damaged and swapped keyrings: test_keys.c and
# init_user.sh; bad configuration: golden.sh.)
. "$top_srcdir/tests/lib.sh"
plan 9
db="$T/x.db"
db_with sam:social
as sam person add --family-name Fault --given-names Fay --dob 2014-01-01
p=$(cat "$T/out")
as sam record add chronology --person "$p" event_date=2026-11-01 kind=note \
	"summary=saved before the faults"

# A save bigger than the space left (the WAL may not grow past 60 KB).
big=$(head -c 90000 /dev/zero | tr '\0' 'z')
pw "sam long passphrase"
( ulimit -f 60; "$CASEDESK" --config "$T/test.ini" --db "$db" --user sam \
	--passphrase-fd 3 record add chronology --person "$p" \
	event_date=2026-11-02 kind=note "summary=$big" 3<"$T/pw" \
	> "$T/out" 2> "$T/err" ); rc=$?
check "a full disk is an error, not a crash (exit $rc)" test $rc -eq 1
check "and says so plainly" has "$T/err" "the disk is full (or a file size limit was reached), so nothing was saved"
as sam person show "$p"
check "what was saved before is there, the failed save is not" sh -c \
	"grep -q 'saved before the faults' '$T/out' && ! grep -q zzzz '$T/out'"
pw "alice long passphrase"
cdx audit verify --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "the chain still verifies" has "$T/out" "chain intact"

# A copy of the file, cut in half, and one with a page scribbled on.
as sam person show "$p" > /dev/null	# checkpoint the log into the file
cp "$db" "$T/cut.db"; cp "$T/x.keys" "$T/cut.keys"; cp "$T/x.anchor" "$T/cut.anchor"
size=$(stat -c %s "$T/cut.db")
truncate -s $((size / 2)) "$T/cut.db"
pw "sam long passphrase"
cdx --db "$T/cut.db" --user sam --passphrase-fd 3 person show "$p" 3<"$T/pw"
check "a truncated database is refused with a message, not a crash" sh -c \
	"[ $rc -ne 0 ] && [ $rc -lt 128 ] && [ -s '$T/err' ]"
# A page from the middle on: the schema's own pages (read to check the key
# at open) say the file does not open; audit verify --full must find the
# others.
pg=$((size / 2 / 4096))
while :; do
	cp "$db" "$T/bad.db"; cp "$T/x.keys" "$T/bad.keys"
	cp "$T/x.anchor" "$T/bad.anchor"
	printf 'scribble scribble scribble' | dd of="$T/bad.db" bs=1 \
		seek=$((pg * 4096 + 100)) conv=notrunc 2>/dev/null
	pw "alice long passphrase"
	cdx --db "$T/bad.db" --user alice --passphrase-fd 3 audit verify --full 3<"$T/pw"
	grep -q "does not match its keyring" "$T/err" || break
	pg=$((pg + 1))
	[ $((pg * 4096)) -lt "$size" ] || break
done
check "audit verify --full reads every page and reports a scribbled one" sh -c \
	"[ $rc -eq 1 ] && grep -q 'bad.db is damaged (Page [0-9]*.*); restore the last good backup' '$T/err'"
pw "sam long passphrase"
as sam person show "$p"
check "the real database is untouched by either" has "$T/out" "saved before the faults"

# A database that cannot be written (immutable: even root cannot write).
mkdir "$T/ro"
as sam person show "$p" > /dev/null	# checkpoint the log into the file
cp "$db" "$T/x.keys" "$T/x.anchor" "$T/ro/"
if chattr +i "$T/ro/x.db" "$T/ro" 2>/dev/null; then
	pw "sam long passphrase"
	cdx --db "$T/ro/x.db" --user sam --passphrase-fd 3 person show "$p" 3<"$T/pw"
	chattr -i "$T/ro" "$T/ro/x.db"
	check "a read-only database says what must be writable" sh -c \
		"[ $rc -eq 1 ] && grep -q 'cannot be written here: the file and its folder must both be writable' '$T/err'"
	cmp -s "$db" "$T/ro/x.db"
	ok $? "and the file is as it was"
else
	ok 0 "a read-only database # SKIP chattr is not available here"
	ok 0 "and the file is as it was # SKIP chattr is not available here"
fi

#!/bin/sh
# init, user add/passwd/disable, audit verify: scripted with --passphrase-fd.
. "$top_srcdir/tests/lib.sh"
plan 37
db="$T/live.db"

pw "alice long passphrase"
cdx init --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
ok $rc "init exits 0"
check "init prints a recovery key" has "$T/out" "Recovery key"
rk=$(sed -n 's/^    \([A-Z2-7-]\{64\}\)$/\1/p' "$T/out")
check "recovery key is 52 base32 characters in groups" test ${#rk} -eq 64
check "database, keyring and anchor are 0600" sh -c \
	"[ \"\$(stat -c %a '$db' '$T/live.keys' '$T/live.anchor' | sort -u)\" = 600 ]"

pw "alice long passphrase" "bob long passphrase"
cdx user add bob --role social --full-name "Bob Builder" --db "$db" \
	--user alice --passphrase-fd 3 3<"$T/pw"
ok $rc "user add with two passphrases from one descriptor"
check "user add says what it did" has "$T/out" "Added bob (Social worker)."
# Information governance reads the trail's details (administrators do not).
pw "alice long passphrase" "gwen long passphrase"
cdx user add gwen --role governance --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"

pw "alice long passphrase"
cdx --db "$db" --user alice --passphrase-fd 3 audit verify --full 3<"$T/pw"
ok $rc "audit verify (common options before the command)"
check "audit verify reports an intact chain" \
	grep -qE '^Every page of the database reads and checks; [0-9]+ events, chain intact$' "$T/out"

pw "not alices passphrase"
cdx audit verify --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "wrong passphrase exits 4" test $rc -eq 4
check "wrong passphrase says so" has "$T/err" 'wrong passphrase for "alice"'

pw "bob long passphrase"
cdx audit verify --db "$db" --user bob --passphrase-fd 3 3<"$T/pw"
check "a social worker may not verify the audit trail" test $rc -eq 4

pw "bob long passphrase" "bob changed passphrase"
cdx user passwd bob --db "$db" --passphrase-fd 3 3<"$T/pw"
ok $rc "a user changes their own passphrase"
pw "bob long passphrase"
cdx user list --db "$db" --user bob --passphrase-fd 3 3<"$T/pw"
check "the old passphrase no longer works" test $rc -eq 4

pw "$rk" "alice recovered passphrase"
cdx user passwd alice --recovery --db "$db" --passphrase-fd 3 3<"$T/pw"
ok $rc "the recovery key resets a passphrase"
pw "alice recovered passphrase"
cdx user list --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "user list works with the new passphrase" has "$T/out" "Bob Builder"

pw "alice recovered passphrase"
cdx user disable bob --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
ok $rc "user disable"
pw "bob changed passphrase"
cdx user list --db "$db" --user bob --passphrase-fd 3 3<"$T/pw"
check "a disabled user cannot log in" test $rc -eq 4

pw "short"
cdx init --db "$T/other.db" --user carol --passphrase-fd 3 3<"$T/pw"
check "short passphrases are refused" has "$T/err" "too short"
cdx init --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "init never overwrites a database" has "$T/err" "already exists"
# live.db2's keyring would be live.keys, the live database's: refused, and
# the refusal leaves that keyring and anchor where they were.
cdx demo --db "$T/live.db2" --people 20 --no-tui
check "demo refuses a keyring that is there already" has "$T/err" \
	"live.keys already exists"
check "and leaves the other database's keyring and anchor" \
	test -s "$T/live.keys" -a -s "$T/live.anchor" -a ! -e "$T/live.db2"

# A keyring from another database: the passphrase is right, the key is not.
pw "carol long passphrase"
cdx init --db "$T/other.db" --user alice --passphrase-fd 3 3<"$T/pw"
cp "$T/live.keys" "$T/live.keys.good"
cp "$T/other.keys" "$T/live.keys"
pw "carol long passphrase"
cdx audit verify --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "a swapped keyring is a mismatch, not a wrong passphrase" \
	has "$T/err" "does not match its keyring"
check "mismatch exits non-zero" test $rc -ne 0

# One changed byte in the keyring.
cp "$T/live.keys.good" "$T/live.keys"
printf '\377' | dd of="$T/live.keys" bs=1 seek=14 conv=notrunc 2>/dev/null
pw "alice recovered passphrase"
cdx audit verify --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "a tampered keyring is reported as such" \
	has "$T/err" "keyring damaged or altered"
cp "$T/live.keys.good" "$T/live.keys"

pw "gwen long passphrase"
cdx audit show --db "$db" --user gwen --passphrase-fd 3 3<"$T/pw"
check "failed logins reached the audit trail" has "$T/out" "reason: wrong passphrase"

# A changed configuration is audited, setting by setting.
printf '[security]\nkdf = insecure-test\nidle_lock_minutes = 5\n[keys.global]\nquit = x\n[calendar]\nclosures = 2026-12-24\n' > "$T/changed.ini"
pw "alice recovered passphrase"
rc=0
"$CASEDESK" --config "$T/changed.ini" user list --db "$db" --user alice \
	--passphrase-fd 3 3<"$T/pw" >/dev/null 2>&1 || rc=$?
ok $rc "a session with a changed configuration"
pw "gwen long passphrase"
cdx audit show --db "$db" --user gwen --passphrase-fd 3 3<"$T/pw"
check "the change is audited with old and new values" sh -c \
	"grep -q 'config-change' '$T/out' && grep -q 'security.idle_lock_minutes: 15 -> 5' '$T/out' && grep -q 'keys.global.quit: (unset) -> x' '$T/out' && grep -q 'calendar.closures:  -> 2026-12-24' '$T/out'"

# Rolling the database back to an older copy leaves the anchor ahead of it.
cp "$db" "$T/old.db"
pw "alice recovered passphrase"
cdx user list --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
cp "$T/old.db" "$db"
pw "alice recovered passphrase"
cdx audit verify --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "verify fails on a rolled-back database" test $rc -eq 1
check "and says the trail was cut off" has "$T/err" "has been cut off"
cp "$T/live.anchor" "$T/anchor.kept"
pw "alice recovered passphrase"
cdx user list --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
check "later sessions keep the anchor as evidence" cmp -s "$T/live.anchor" "$T/anchor.kept"
check "and warn the user at login" has "$T/err" "warning: the audit trail no longer matches its anchor"

# A live database (the default KDF): a user's own configuration cannot
# re-wrap a passphrase at the test KDF.
live="$T/real.db"
printf '[security]\nkdf = moderate\n' > "$T/moderate.ini"
live_init() {
	rc=0
	"$CASEDESK" --config "$T/moderate.ini" init --db "$live" --user carol \
		--passphrase-fd 3 3<"$T/pw" >"$T/out" 2>"$T/err" || rc=$?
}
pw "aaaaaaaaaa"
live_init
check "a live passphrase of ten a's is refused, with libpwquality's reason" \
	sh -c "test $rc -ne 0 && grep -q 'is refused: The password is a palindrome' '$T/err' && test ! -e '$live'"
pw "carol long passphrase"
live_init
check "and one holding the user's name" has "$T/err" "contains the user name"
pw "plum kettle orbit swim"
live_init
check "init at the default KDF makes a live database" sh -c \
	"test $rc -eq 0 && ! grep -q 'TEST database' '$T/out'"
pw "plum kettle orbit swim" "quiet harbour lantern" "quiet harbour lantern"
cdx user passwd carol --db "$live" --user carol --passphrase-fd 3 3<"$T/pw"
check "kdf = insecure-test on a live keyring is refused" sh -c \
	"test $rc -ne 0 && grep -q 'this is a live keyring' '$T/err'"
pw "plum kettle orbit swim"
rc=0
"$CASEDESK" --config "$T/moderate.ini" audit show --db "$live" --user carol \
	--passphrase-fd 3 3<"$T/pw" >"$T/out" 2>"$T/err" || rc=$?
ok $rc "and the old passphrase still opens it"
check "no passphrase change was recorded" sh -c "! grep -q 'update user' '$T/out'"

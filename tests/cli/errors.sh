#!/bin/sh
# Bad command lines get a clear message naming the problem and exit 2.
. "$top_srcdir/tests/lib.sh"
plan 22

cdx frobnicate
check "unknown command exits 2" test $rc -eq 2
check "unknown command is named" has "$T/err" 'unknown command "frobnicate"'
cdx demo --help
check "COMMAND --help gives that command's usage, and exits 0" \
	test $rc -eq 0 -a -n "$(grep -e '--people N' "$T/out")"
cdx help allocate
check "help COMMAND does too" has "$T/out" "casedesk allocate ID --worker NAME"
cdx help frobnicate
check "help for no such command names it" has "$T/err" 'no command "frobnicate"'
cdx user add bob --colour blue
check "unknown option is named" has "$T/err" "unknown option --colour"
cdx user add bob --db "$T/x.db" --user a
check "user add without --role says so" has "$T/err" "needs --role ROLE"
cdx user add bob --role wizard --db "$T/x.db" --user a
check "a bad role lists the valid ones" has "$T/err" \
	'unknown role "wizard" (one of: duty, social, manager, adoption, ooh, education, governance, admin, trainer, analyst)'
cdx audit verify --passphrase-fd abc
check "--passphrase-fd needs a number" has "$T/err" \
	'--passphrase-fd needs a descriptor number, not "abc"'
cdx init --user alice
check "init needs --db" has "$T/err" "init needs --db PATH"
cdx init --db "$T/a.db" --user "Alice Smith"
check "user names are checked before anything is made" \
	has "$T/err" "must start with a lower-case letter"
check "nothing was made for a bad user name" test ! -e "$T/a.db"
pw "long enough passphrase"
cdx audit verify --db "$T/none.db" --user a --passphrase-fd 3 3<"$T/pw"
check "a missing database names the path and the fix" \
	has "$T/err" "no database at $T/none.db (make one with"
cdx user passwd
check "a missing argument shows the usage" has "$T/err" \
	"casedesk user passwd NAME [--recovery]"
cdx audit show --since yesterday
check "dates are checked" has "$T/err" '--since needs a date as YYYY-MM-DD, not "yesterday"'
cdx --db "$T/none.db" < /dev/null
check "the client refuses to start without a terminal" has "$T/err" \
	"needs a terminal"
pw ""
cdx init --db "$T/b.db" --user bob --passphrase-fd 3 3<"$T/pw"
check "an empty passphrase is refused" has "$T/err" "too short"
# A configuration file whose sections iniparser returns without values
# (issue 20: it ended in SIGSEGV) is reported, not crashed on.
cdx check-config --config "$top_srcdir/tests/fuzz/corpus/config/nested-section-null.ini"
check "a hostile configuration file exits 1" test $rc -eq 1
check "and names its problems" has "$T/out" "problems found"

# A head log the account cannot append to would lose every head unseen
# (on the walk, one made by root in the service's folder): check-config
# says so, for a link (never followed) and for a folder that is not there.
ln -s "$T/elsewhere" "$T/heads.link"
printf '[audit]\nhead_log = %s\n' "$T/heads.link" > "$T/hl.ini"
cdx check-config --config "$T/hl.ini"
check "check-config refuses a head log it cannot append to" sh -c \
	"[ $rc -eq 1 ] && grep -q 'error: \[audit\] head_log: .*heads.link cannot be appended to by this account' '$T/out'"
printf '[audit]\nhead_log = %s/no/such/heads.log\n' "$T" > "$T/hl.ini"
cdx check-config --config "$T/hl.ini"
check "or one in a folder it cannot make it in" sh -c \
	"[ $rc -eq 1 ] && grep -q 'cannot be made by this account' '$T/out'"
printf '[audit]\nhead_log = %s/heads.log\n' "$T" > "$T/hl.ini"
cdx check-config --config "$T/hl.ini"
check "and takes one it can make" test $rc -eq 0

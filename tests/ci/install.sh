#!/bin/sh
# make install lays down everything an installed casedesk reads, make
# uninstall takes it away again, and the installed program works from its
# installed files alone: built from the release tarball TARBALL in a
# scratch copy that is deleted before the program runs. TAP output.
# Usage: tests/ci/install.sh TARBALL
set -u
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
. "$top_srcdir/tests/lib.sh"
plan 16

prefix=$T/prefix
mkdir "$T/src" && tar -xzf "$tarball" -C "$T/src" --strip-components=1
( cd "$T/src" && ./configure -q --prefix="$prefix" > /dev/null &&
  make -s -j2 casedesk > /dev/null ) > "$T/build.log" 2>&1
ok $? "the tarball builds with --prefix in a scratch copy"
( cd "$T/src" && make -s install ) > "$T/install.log" 2>&1
ok $? "make install"
share=$prefix/share/casedesk
check "the program is in bin" test -x "$prefix/bin/casedesk"
check "every form definition is installed" test \
	"$(ls "$T/src/forms/defs" | wc -l)" -eq "$(ls "$share/forms/defs" | wc -l)"
check "and every code list" test \
	"$(ls "$T/src/forms/codes" | wc -l)" -eq "$(ls "$share/forms/codes" | wc -l)"
check "and the casework data" test -f "$share/casework/rules.ini" -a \
	-f "$share/casework/holidays.ini" -a -f "$share/casework/retention.ini" \
	-a -f "$share/casework/postcodes.csv"
check "the man pages" test -f "$prefix/share/man/man1/casedesk.1" -a \
	-f "$prefix/share/man/man5/casedesk.ini.5"
check "an example configuration" test -f "$prefix/etc/casedesk/casedesk.ini.example"
( cd "$T/src" && make -s uninstall ) > /dev/null 2>&1
check "make uninstall leaves no file behind" test -z "$(find "$prefix" -type f)"
( cd "$T/src" && make -s install ) > /dev/null 2>&1
ndefs=$(ls "$T/src/forms/defs" | wc -l)
rm -rf "$T/src"

# The installed program alone: the source and build tree are gone.
export HOME=$T/home XDG_CONFIG_HOME=$T/home/config XDG_DATA_HOME=$T/home/data
cd /
cd_=$prefix/bin/casedesk
check "installed: casedesk demo --no-tui" "$cd_" demo --no-tui --people 200 --db "$T/demo.db"
check "installed: casedesk forms check" "$cd_" forms check
check "installed: casedesk rules" "$cd_" rules
"$cd_" due assessment 2026-03-02 > "$T/due" 2>&1
check "installed: casedesk due assessment 2026-03-02" grep -q 2026-05-07 "$T/due"
check "installed: the demo database has every shipped form" test \
	"$(echo demo | "$cd_" forms list --db "$T/demo.db" --user duty \
	--passphrase-fd 0 | wc -l)" -ge "$ndefs"
# The system configuration is the installation's own, beside its example
# (so a source install never takes a packaged server's /etc file), and
# the installed program reads it without CASEDESK_SYSTEM_CONFIG, which
# only a build tree's program honours.
printf '[borough]\nname = Installtown\n' > "$prefix/etc/casedesk/casedesk.ini"
printf '[borough]\nname = Elsewhere\n' > "$T/other.ini"
CASEDESK_SYSTEM_CONFIG=$T/other.ini "$cd_" check-config > "$T/cc" 2>&1
check "installed: the system file is \$(sysconfdir)/casedesk/casedesk.ini" \
	grep -qx "read $prefix/etc/casedesk/casedesk.ini" "$T/cc"
check "and CASEDESK_SYSTEM_CONFIG is not read by an installed casedesk" \
	sh -c "! grep -q other.ini '$T/cc'"

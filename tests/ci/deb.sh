#!/bin/sh
# The Debian package: built from the release tarball TARBALL with
# dpkg-buildpackage, lintian finds no errors in it, and (as root, on a
# machine where casedesk is not installed already) dpkg -i installs the
# program, its data and the service account with its 0700 folder, the
# installed program runs, and purging takes it all away. TAP output.
# Usage: tests/ci/deb.sh TARBALL
set -u
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
. "$top_srcdir/tests/lib.sh"
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
plan 13

mkdir "$T/src" && tar -xzf "$tarball" -C "$T/src" --strip-components=1
( cd "$T/src" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b \
	-Pnocheck ) > "$T/build.log" 2>&1
ok $? "dpkg-buildpackage -us -uc -b makes a package"
grep -E '(^dpkg-[a-z]*: error|: error:|\*\*\*)' "$T/build.log" | head -n 5 | sed 's/^/# /'
deb=$(ls "$T"/casedesk_*.deb 2>/dev/null | head -n 1)
check "the .deb is there" test -n "$deb"
[ -n "$deb" ] && dpkg-deb -f "$deb" Depends | sed 's/^/# Depends: /'
lintian --fail-on error "$deb" > "$T/lintian" 2>&1
ok $? "lintian reports no errors"
sed 's/^/# /' "$T/lintian" | head -n 20
dpkg-deb -c "$deb" > "$T/contents" 2>&1
check "it holds the program, forms, casework data, man pages and example" \
	sh -c "grep -q ' ./usr/bin/casedesk\$' '$T/contents' &&
	grep -q './usr/share/casedesk/forms/defs/contact.ini' '$T/contents' &&
	grep -q './usr/share/casedesk/casework/rules.ini' '$T/contents' &&
	grep -q './usr/share/man/man1/casedesk.1' '$T/contents' &&
	grep -q './usr/share/man/man5/casedesk.ini.5' '$T/contents' &&
	grep -q './etc/casedesk/casedesk.ini.example' '$T/contents' &&
	grep -q './usr/share/doc/casedesk/README.Debian' '$T/contents'"

if [ "$(id -u)" != 0 ]; then
	for d in "dpkg -i" "casedesk --version" "system file" "service account" "its folder" \
		"installed data" "forms check as the account" "purge" "purge removes the account"; do
		skip "$d" "not root"
	done
	exit 0
fi
if dpkg-query -W -f='${Status}' casedesk 2>/dev/null | grep -q 'ok installed'; then
	for d in "dpkg -i" "casedesk --version" "system file" "service account" "its folder" \
		"installed data" "forms check as the account" "purge" "purge removes the account"; do
		skip "$d" "casedesk is already installed here; not replacing it"
	done
	exit 0
fi
# dpkg takes a lock; wait for anyone else's install to finish.
tries=0
while ! dpkg -i "$deb" > "$T/dpkg" 2>&1 && grep -q 'lock' "$T/dpkg" &&
	[ $tries -lt 30 ]; do tries=$((tries + 1)); sleep 2; done
check "dpkg -i installs it" dpkg-query -W -f='${Status}' casedesk
sed 's/^/# /' "$T/dpkg" | grep -i error | head -n 5
check "casedesk --version runs" sh -c '/usr/bin/casedesk --version | grep -q "^casedesk "'
check "the service account exists" getent passwd casedesk
check "its folder is its own, mode 0700" sh -c \
	'[ "$(stat -c %U:%a /var/lib/casedesk)" = "casedesk:700" ]'
check "and its system configuration is /etc/casedesk/casedesk.ini" sh -c \
	'grep -aq "/etc/casedesk/casedesk.ini" /usr/bin/casedesk'
check "the installed program reads the installed data" sh -c \
	'cd / && casedesk rules | grep -q assessment && casedesk due assessment 2026-03-02 | grep -q 2026-05-07'
check "forms check works as the service account" \
	runuser -u casedesk -- sh -c 'cd && casedesk forms check'
dpkg --purge casedesk > "$T/purge" 2>&1
check "dpkg --purge removes the program" test ! -e /usr/bin/casedesk
check "and the account with its empty folder" sh -c \
	'! getent passwd casedesk && [ ! -e /var/lib/casedesk ]'

# Shared helpers for the shell tests: TAP output, a scratch folder, and a
# casedesk that uses the fast test KDF and no user configuration.
: "${CASEDESK:=$(pwd)/casedesk}"
: "${top_srcdir:=$(pwd)}"
T=$(mktemp -d /tmp/cdsh.XXXXXX)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" HOME="$T"
printf '[security]\nkdf = insecure-test\n' > "$T/test.ini"
n=0

plan() { echo "1..$1"; }

# ok STATUS DESCRIPTION: one TAP line from an exit status.
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# check DESCRIPTION COMMAND...: pass when the command succeeds; a failure
# shows the end of what it printed as TAP comments.
check() {
	d=$1; shift
	if "$@" >"$T/check.out" 2>&1; then ok 0 "$d"; else
		ok 1 "$d"; tail -n 5 "$T/check.out" | sed 's/^/# /'; fi
}

# cdx ARGS...: run casedesk with the test configuration; output in
# $T/out and $T/err, status in $rc.
cdx() {
	rc=0
	"$CASEDESK" --config "$T/test.ini" "$@" >"$T/out" 2>"$T/err" || rc=$?
}

# has FILE TEXT: whether FILE contains TEXT.
has() { grep -qF -- "$2" "$1"; }

# Passphrases for --passphrase-fd 3, one per line.
pw() { printf '%s\n' "$@" > "$T/pw"; }

# db_with USER:ROLE...: a new database $db with administrator alice and the
# given users, each with the passphrase "NAME long passphrase".
db_with() {
	pw "alice long passphrase"
	cdx init --db "$db" --user alice --passphrase-fd 3 3<"$T/pw"
	for u in "$@"; do
		pw "alice long passphrase" "${u%%:*} long passphrase"
		cdx user add "${u%%:*}" --role "${u#*:}" --db "$db" --user alice \
			--passphrase-fd 3 3<"$T/pw"
	done
}

# as USER ARGS...: run casedesk on $db as USER (see db_with).
as() {
	who=$1; shift
	pw "$who long passphrase"
	cdx --db "$db" --user "$who" --passphrase-fd 3 "$@" 3<"$T/pw"
}

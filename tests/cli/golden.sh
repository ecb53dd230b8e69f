#!/bin/sh
# Golden output: help, key bindings, configuration diagnostics, audit show.
# After a deliberate change, regenerate with: GOLDEN_UPDATE=1 make check
. "$top_srcdir/tests/lib.sh"
exp="$top_srcdir/tests/cli/expected"
plan 6

# same NAME: compare $T/out with the expected file NAME.
same() {
	if [ -n "${GOLDEN_UPDATE:-}" ]; then cp "$T/out" "$exp/$1"; fi
	if diff -u "$exp/$1" "$T/out" > "$T/diff"; then ok 0 "$1"; else
		sed 's/^/# /' "$T/diff"; ok 1 "$1"; fi
}

"$CASEDESK" --help > "$T/out" 2>&1
same help.txt

"$CASEDESK" keys > "$T/out" 2>&1
same keys.txt
# The command key's help names every : command the table lists.
missing=
for name in $(sed -n 's/^;   :\([a-z-]*\).*/\1/p' "$T/out"); do
	grep "^command  *= " "$T/out" | grep -qw -- "$name" ||
		missing="$missing $name"
done
check "the command key's help names every : command (missing:$missing)" \
	test -z "$missing" -a -n "$(sed -n 's/^;   :\([a-z]*\).*/\1/p' "$T/out")"

cat > "$T/bad.ini" <<'INI'
[security]
kdf = weak
idle_lock_minutes = 1000
[display]
color = yes
escape_ms = 5
[colours]
alert = pink default
glow = red
late = magenta default bold
[mono]
late = red
[keys.global]
quit = none
fly = x
help = Ctrl-H
INI
rc=0
"$CASEDESK" check-config --config "$T/bad.ini" > "$T/out" 2>&1 || rc=$?
sed -i "s|$T|TMP|g" "$T/out"
same check-config-bad.txt
check "check-config exits 1 on problems" test $rc -eq 1

export CASEDESK_NOW=2026-11-23T09:30:00.000Z
pw "alice long passphrase"
cdx init --db "$T/g.db" --user alice --passphrase-fd 3 3<"$T/pw" </dev/null
pw "alice long passphrase" "duty long passphrase"
cdx user add dee --role duty --full-name "Dee Duty" --team "Front Door" \
	--db "$T/g.db" --user alice --passphrase-fd 3 3<"$T/pw" </dev/null
pw "alice long passphrase"
cdx audit show --db "$T/g.db" --user alice --passphrase-fd 3 3<"$T/pw" </dev/null
same audit-show.txt

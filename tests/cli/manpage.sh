#!/bin/sh
# The man pages are well-formed mdoc, and casedesk(1) documents exactly the
# commands `casedesk --help` lists.
. "$top_srcdir/tests/lib.sh"
plan 4
man1=$top_srcdir/man/casedesk.1
man5=$top_srcdir/man/casedesk.ini.5

if command -v mandoc > /dev/null; then
	mandoc -Tlint -Wwarning "$man1" > "$T/lint1" 2>&1
	check "casedesk.1 has no mandoc warnings $(head -n 3 "$T/lint1" | tr '\n' ' ')" test ! -s "$T/lint1"
	mandoc -Tlint -Wwarning "$man5" > "$T/lint5" 2>&1
	check "casedesk.ini.5 has no mandoc warnings $(head -n 3 "$T/lint5" | tr '\n' ' ')" test ! -s "$T/lint5"
else
	echo "ok 1 # SKIP mandoc is not installed"
	echo "ok 2 # SKIP mandoc is not installed"
	n=2
fi

# The command words of each usage line: "user add", "search", "--help",
# and "" for the client itself.
"$CASEDESK" --help | sed -n 's/^  casedesk //p' | awk '{
	cmd = ""
	for (i = 1; i <= NF; i++) {
		if ($i ~ /^--(version|help)$/ && i == 1) { cmd = $i; break }
		if ($i !~ /^[a-z][a-z0-9-]*$/) break
		cmd = cmd (cmd == "" ? "" : " ") $i
	}
	print (cmd == "" ? "(client)" : cmd)
}' | sort -u > "$T/help"
# The same from the man page: ".It Nm Cm user add Ar NAME ...", or
# ".It Xo" with ".Nm Cm user add ..." on the next line.
awk 'function words(from,   cmd, i) {
	cmd = ""
	if ($from == "Fl" && $(from + 1) ~ /^-(version|help)$/) cmd = "-" $(from + 1)
	else if ($from == "Cm")
		for (i = from + 1; i <= NF && $i ~ /^[a-z][a-z0-9-]*$/; i++)
			cmd = cmd (cmd == "" ? "" : " ") $i
	print (cmd == "" ? "(client)" : cmd)
}
xo && $1 == ".Nm" { words(2) }
{ xo = $1 == ".It" && $2 == "Xo" && NF == 2 }
$1 == ".It" && $2 == "Nm" { words(3) }' "$man1" | sort -u > "$T/man"
diff "$T/help" "$T/man" > "$T/diff"
check "casedesk(1) documents every command in --help $(grep '^<' "$T/diff" | tr '\n' ' ')" test -z "$(grep '^<' "$T/diff")"
check "and no command --help lacks $(grep '^>' "$T/diff" | tr '\n' ' ')" test -z "$(grep '^>' "$T/diff")"

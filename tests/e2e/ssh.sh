#!/bin/sh
# casedesk as a service over ssh: a real OpenSSH server started here on
# 127.0.0.1 with its own host key and an authorized_keys that casedesk
# ssh-key writes, forcing `casedesk serve --user NAME`. The client lands on
# the unlock screen; a shell, a command smuggled after a ';' and a user's
# own --config are refused; the CIN census streams back as XML.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux.sh"
SSHD=/usr/sbin/sshd
if [ ! -x "$SSHD" ] || ! command -v ssh >/dev/null || \
	! command -v ssh-keygen >/dev/null; then
	echo "1..0 # SKIP OpenSSH (openssh-server, openssh-client) not installed"
	exit 0
fi
plan 22
trap 'tm kill-server 2>/dev/null; [ -f "$T/sshd.pid" ] && kill "$(cat "$T/sshd.pid")" 2>/dev/null; rm -rf "$T"' EXIT

# The service's folder: the database, keyring and anchor, mode 0700.
svc="$T/svc"
mkdir -m 700 "$svc"
db="$svc/casedesk.db"
keys="$T/authorized_keys"
printf '[security]\nkdf = insecure-test\n[service]\nauthorized_keys = %s\n' \
	"$keys" > "$T/test.ini"
db_with sam:social mo:manager
as sam person add --family-name Tunnel --given-names Tia --dob 2016-03-04

ssh-keygen -q -t ed25519 -N '' -f "$T/host" -C host
ssh-keygen -q -t ed25519 -N '' -f "$T/sam" -C sam@laptop
ssh-keygen -q -t ed25519 -N '' -f "$T/mo" -C mo@office
as alice ssh-key add mo "$T/mo.pub"
as alice ssh-key add sam "$T/sam.pub"
ok $rc "an administrator gives sam's key the forced command"
check "authorized_keys holds a restricted forced-command line per key" sh -c \
	"test \$(wc -l < '$keys') -eq 2 && grep -q '^command=\".* serve --db $db --user sam\",restrict,pty ssh-ed25519 ' '$keys'"
check "and is the service account's alone (0600)" \
	test "$(stat -c %a "$keys")" = 600
as sam ssh-key add sam "$T/sam.pub"
check "only an administrator changes who reaches casedesk" \
	sh -c "test $rc -ne 0 && grep -q 'only an administrator' '$T/err'"
as alice ssh-key list
check "ssh-key list names the user, type and fingerprint" grep -q \
	"^sam  *ssh-ed25519  *$(ssh-keygen -l -f "$T/sam.pub" | cut -d' ' -f2) sam@laptop" "$T/out"
printf 'command="/bin/sh" ssh-ed25519 AAAA\n' > "$T/bad.pub"
as alice ssh-key add sam "$T/bad.pub"
check "a key line carrying its own options is refused" test $rc -ne 0

# The server: our own config, host key and port; keys from the file above.
port=$((20000 + $$ % 20000))
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then mkdir -p -m 755 /run/sshd; fi
cat > "$T/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $T/host
PidFile $T/sshd.pid
AuthorizedKeysFile $keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AllowUsers $(id -un)
EOF
# With the Match block README.md and README.Debian tell the administrator
# to add, for this account: sshd must take it as written.
for doc in "$top_srcdir/README.md" "$top_srcdir/debian/README.Debian"; do
	sed -n '/^ *Match User casedesk$/,/^ *PermitTTY yes$/p' "$doc" |
		sed 's/^ *//; s/^Match User casedesk$/Match User '"$(id -un)"'/' \
		> "$T/match.$(basename "$doc")"
done
cat "$T/match.README.md" >> "$T/sshd_config"
"$SSHD" -t -f "$T/sshd_config" > "$T/sshd.t" 2>&1
check "sshd takes README's Match block as written $(head -c 120 "$T/sshd.t")" \
	sh -c "[ ! -s '$T/sshd.t' ] && grep -q AuthenticationMethods '$T/match.README.md'"
check "README.Debian gives the same block" \
	cmp -s "$T/match.README.md" "$T/match.README.Debian"
"$SSHD" -f "$T/sshd_config" -E "$T/sshd.log"
i=0
while [ $i -lt 50 ] && [ ! -s "$T/sshd.pid" ]; do sleep 0.1; i=$((i + 1)); done
check "the test's sshd is listening" test -s "$T/sshd.pid"

sshc() {
	ssh -F /dev/null -p "$port" -i "$T/${key:-sam}" -o IdentitiesOnly=yes \
		-o BatchMode=yes -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile="$T/known_hosts" -o LogLevel=ERROR "$@"
}
remote() { rc=0; sshc "$(id -un)@127.0.0.1" "$@" >"$T/out" 2>"$T/err" </dev/null || rc=$?; }

remote sh
check "ssh ... sh is refused" sh -c "test $rc -ne 0 && grep -q 'unknown command \"sh\"' '$T/err'"
remote 'search x; sh'
check "ssh ... 'search x; sh' is refused, naming the ';'" sh -c \
	"test $rc -ne 0 && grep -q \"';' (at 9) is not allowed\" '$T/err'"
remote search x --config "$T/evil.ini"
check "ssh ... search x --config evil.ini is refused" sh -c \
	"test $rc -ne 0 && grep -q -- '--config is not allowed over ssh' '$T/err'"
remote export cin --year 2027 --out "$T/stolen.xml"
check "an export may not name a file on the server" sh -c \
	"test $rc -ne 0 && test ! -e '$T/stolen.xml' && grep -q 'names a file on the server' '$T/err'"
remote backup --out "$T/copy.db"
check "backup is the service account's, not a served verb" sh -c \
	"test $rc -ne 0 && grep -q 'not allowed over ssh' '$T/err'"

printf 'mo long passphrase\n' > "$T/pw"
rc=0
key=mo sshc "$(id -un)@127.0.0.1" export cin --year 2027 --out - \
	< "$T/pw" > "$T/cin.xml" 2>"$T/err" || rc=$?
ok $rc "ssh ... export cin --year 2027 --out - runs (the passphrase still asked)"
check "asked on stderr, since there is no terminal" grep -q \
	'^Passphrase for mo: ' "$T/err"
check "and streams the census as XML to the caller" sh -c \
	"head -c 5 '$T/cin.xml' | grep -q '<?xml' && grep -q '</Message>' '$T/cin.xml'"
if command -v xmllint >/dev/null; then
	check "which is well formed" xmllint --noout "$T/cin.xml"
else
	check "which is well formed (closing tags balance)" sh -c \
		"test \$(grep -c '<Child>' '$T/cin.xml') -eq \$(grep -c '</Child>' '$T/cin.xml')"
fi

rc=0
key=mo sshc "$(id -un)@127.0.0.1" export ssda903 --year 2027 --out - \
	< "$T/pw" > "$T/903.tar" 2>"$T/err" || rc=$?
check "the SSDA903 tables stream back as a tar archive" sh -c \
	"[ $rc -eq 0 ] && tar -tf '$T/903.tar' | grep -qx header.csv"

# Interactively: the client, at its unlock screen, with nothing to type
# but the passphrase.
tm new-session -d -s t -x 80 -y 24 "ssh -F /dev/null -tt -p $port -i '$T/sam' \
	-o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no \
	-o UserKnownHostsFile='$T/known_hosts' -o LogLevel=ERROR \
	$(id -un)@127.0.0.1; sleep 30"
wait_for "Passphrase:"; ok $? "an interactive ssh login lands on the unlock screen"
tm send-keys -t t Tab BSpace BSpace BSpace mallory
sleep 0.5
tm capture-pane -p -t t > "$T/screen"
check "where the key's user name cannot be changed" sh -c \
	"grep -q 'User name: *sam' '$T/screen' && ! grep -q mallory '$T/screen'"

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	rc=0
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		cat "$db" >/dev/null 2>&1 || rc=$?
	check "an unprivileged uid cannot read the database folder" test $rc -ne 0
else
	check "the database folder is the service account's alone (0700)" \
		test "$(stat -c %a "$svc")" = 700
fi

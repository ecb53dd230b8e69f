#!/bin/sh
# Nothing hostile reaches a terminal: names, notes and reasons holding
# escape sequences (ESC [ 2 J, an OSC title ending in BEL, a bare CR, the
# C1 control CSI both as UTF-8 and as a lone 0x9b byte) are planted past
# the store's input checks, as a crafted backup or raw SQL could, and every
# command that prints them must show them visibly and hold no raw control.
. "$top_srcdir/tests/lib.sh"
plan 32
db="$T/h.db"
pw demo
cdx demo --db "$db" --no-tui --people 300 --passphrase-fd 3 3<"$T/pw"
as() { who=$1; shift; pw demo; cdx --db "$db" --user "$who" --passphrase-fd 3 "$@" 3<"$T/pw"; }

as social person add --family-name Olders --given-names Wil --dob 1990-01-01
pid=$(cat "$T/out")
as governance record add sar_request --person "$pid" received_date=2026-11-02 \
	"requester_name=Amina Khan" requester_relationship=PARENT
req=$(cat "$T/out")
as ooh record add ooh_record --person "$pid" call_time=2026-08-29T22:05 \
	"caller=PC Hart" "reported=Mother arrested"

H="char(27)||'[2J'||char(27)||']0;title'||char(7)||char(13)||char(155)||CAST(x'9b' AS TEXT)"
pw demo
"$top_builddir/tests/cli/plant" "$db" admin \
	"UPDATE person SET family_name = family_name || $H, given_names = given_names || $H" \
	"UPDATE users SET full_name = full_name || $H" \
	"UPDATE contact SET reason = reason || $H" \
	"UPDATE chronology SET summary = summary || $H" \
	"UPDATE sar_request SET requester_name = requester_name || $H, notes = coalesce(notes, '') || $H" \
	"UPDATE adopter_household SET name = name || $H" \
	"UPDATE ooh_record SET reported = reported || $H, caller = caller || $H" \
	"UPDATE form_answer SET value = value || $H" \
	"UPDATE person SET upn = 'A' || $H WHERE upn IS NOT NULL" \
	"INSERT INTO sar_release (request_id, person_id, released_at, released_by, approved_by, items, redactions, withheld, bytes, withheld_list) VALUES ($req, $pid, '2026-11-20T10:00:00Z', 'governance' || $H, 'gail', 3, 1, 2, 100, 'item 1, Contact: shouting (a note' || $H || '), withheld by governance' || char(10) || 'item 2, Visit: home (another), withheld by governance' || char(10))" \
	3<"$T/pw"
ok $? "escapes planted in names, notes, answers and requests"

# Whether FILE holds a raw C0 control (bar newline and tab), DEL, a C1
# control in UTF-8, or bytes that are not UTF-8.
raw() {
	LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" ||
		LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" ||
		! iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}
# shown WHAT [FULL]: the last command printed the planted text visibly
# (columns may cut it: the whole of it with FULL) and no raw control on
# either stream.
shown() {
	want='\x1b[2J'
	[ -n "${2:-}" ] && want='\x1b[2J\x1b]0;title\x07\x0d\xc2\x9b\x9b'
	if [ "$rc" -eq 0 ] && ! raw "$T/out" && ! raw "$T/err" &&
		grep -qF "$want" "$T/out"; then
		ok 0 "$1"
	else
		ok 1 "$1"; head -c 400 "$T/out" | od -c | head -n 8 | sed 's/^/# /'
	fi
}

as social search a;		shown "search shows planted names visibly"
as social person show "$pid";	shown "person show" full
as social person show 9;	shown "person show with contacts and chronology" full
as social tasks;		shown "tasks"
as manager tasks --borough;	shown "tasks --borough"
as ooh look Olders;		shown "look"
as social summary 9;		shown "summary"
as adoption household 1;	shown "household"
as manager queue;		shown "queue"
as manager workers;		shown "workers"
as admin user list;		shown "user list"
as governance sar list;		shown "sar list"
as governance sar show "$req";	shown "sar show" full
as duty handover list --duty;	shown "handover list"
as social form show 1;		shown "form show" full
as governance sar log;		shown "sar log" full
check "and its withheld items stay one to a line" grep -q '^    item 2, Visit: home (another), withheld by governance$' "$T/out"

# The census streamed to standard output (as over ssh) holds no control
# either, and stays XML.
year=$(date -u +%Y); [ "$(date -u +%m)" -ge 4 ] && year=$((year + 1))
as analyst export cin --year "$year" --out -
check "export cin --out - streams the planted UPNs visibly" sh -c \
	"test $rc -eq 0 && ! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/out' && grep -qF '<UPN>A\\x1b[2J' '$T/out'"

# So do the other exports that stream: the SSDA903 tables (the archive's
# CSVs, each line's CRLF aside), the whole record for governance as text
# and as HTML.
as analyst export ssda903 --year "$year" --out -
mkdir "$T/903" && tar -xf "$T/out" -C "$T/903" &&
	cat "$T/903"/*.csv | sed 's/\r$//' > "$T/903.txt"
check "export ssda903 --out - streams the planted UPNs visibly" sh -c \
	"test $rc -eq 0 && ! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/903.txt' && grep -qF 'A\\x1b[2J' '$T/903.txt'"
as governance export sar --person "$pid" --out -;	shown "export sar --out -" full
as governance export sar --person "$pid" --out - --format html
shown "export sar --out - --format html" full

# What a user types, printed back: a break-glass reason, a search term,
# a user name.
esc=$(printf 'why\033[2J\033]0;title\007\r\302\233')
as governance person show 2 --reason "$esc"
check "a typed break-glass reason is accepted" test $rc -eq 0
as governance caldicott list
check "caldicott list shows the reason visibly" sh -c "! { LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/out'; } && grep -qF 'why\\x1b[2J\\x1b]0;title\\x07\\x0d\\xc2\\x9b' '$T/out'"
as governance audit show --actor governance
check "audit show shows the reason visibly" sh -c "! { LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/out'; } && grep -qF 'why\\x1b[2J\\x1b]0;title\\x07\\x0d\\xc2\\x9b' '$T/out'"
as social search "$esc"
check "a search term is echoed visibly" sh -c "! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/out' && grep -qF 'why\\x1b[2J' '$T/out'"
as "$esc" search a
check "an unknown user name in an error is shown visibly" sh -c "test $rc -ne 0 && ! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/err' && grep -qF 'why\\x1b[2J' '$T/err'"
as social "$esc"
check "an unknown command is named visibly" sh -c "test $rc -eq 2 && ! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/err' && grep -qF 'why\\x1b[2J' '$T/err'"
as social record update person "$pid" "$(printf 'fam\033[2J')=x"
check "an unknown field is named visibly" sh -c "test $rc -ne 0 && ! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/err' && grep -qF 'fam\\x1b[2J' '$T/err'"
as social record add contact --person "$pid" "reason=$(printf 'x\033[2J')"
check "a control character typed into a field is refused, visibly" sh -c "test $rc -ne 0 && ! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/err' && grep -q 'control characters' '$T/err'"

# What a file holds, quoted in its problems: configuration and forms.
printf '[security]\nkdf = x\033[2J\r\n' > "$T/bad.ini"
rc=0
"$CASEDESK" --config "$T/bad.ini" check-config >"$T/out" 2>"$T/err" || rc=$?
check "check-config quotes a bad value visibly" sh -c "! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/out' && grep -qF 'x\\x1b[2J' '$T/out'"
mkdir -p "$T/forms/defs" "$T/forms/codes"
cp "$top_srcdir/forms/defs/address.ini" "$T/forms/defs/"
cp "$top_srcdir/forms/codes/"*.ini "$T/forms/codes/"
sed "0,/^type = .*/s//type = x$(printf '\033')[2J/" "$top_srcdir/forms/defs/address.ini" > "$T/forms/defs/address.ini"
rc=0
"$CASEDESK" forms check "$T/forms" >"$T/out" 2>"$T/err" || rc=$?
check "forms check quotes a bad field visibly" sh -c "! LC_ALL=C grep -q \"\$(printf '[\001-\010\013-\037\177]')\" '$T/out' && grep -qF 'unknown type \"x\\x1b[2J\"' '$T/out'"

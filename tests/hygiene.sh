#!/bin/sh
# The layering and header rules of ARCHITECTURE.md, checked.
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 1
plan 11

bad=$(grep -lE '#include *<(n?curses|ncursesw/curses)\.h>' */*.c */*.h |
	grep -v -e '^tui/' -e '^tests/')
[ -z "$bad" ]; ok $? "curses only in tui/ ${bad:+($bad)}"
bad=$(grep -lE '#include *<sqlite3\.h>' */*.c */*.h | grep -v -e '^store/' -e '^tests/')
[ -z "$bad" ]; ok $? "sqlite3.h only in store/ ${bad:+($bad)}"
bad=$(grep -lE '#include *<sodium\.h>' */*.c */*.h | grep -v -e '^keys/' -e '^tests/')
[ -z "$bad" ]; ok $? "sodium.h only in keys/ ${bad:+($bad)}"
# No SQL outside store/: no statement text anywhere in a string (forms/ and
# casework/ included), and no SQLite call.
outside="common/*.[ch] keys/*.[ch] forms/*.[ch] casework/*.[ch] tui/*.[ch] cli/*.[ch]"
# shellcheck disable=SC2086
bad=$(grep -lE '"[^"]*(SELECT |INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE (TABLE|INDEX|TRIGGER|VIEW)|DROP (TABLE|INDEX|TRIGGER|VIEW)|ALTER TABLE|PRAGMA | FROM [a-z_]+ WHERE)' $outside 2>/dev/null)
[ -z "$bad" ]; ok $? "no SQL text outside store/ ${bad:+($bad)}"
# shellcheck disable=SC2086
bad=$(grep -lE 'sqlite3_[a-z0-9_]+ *\(' $outside 2>/dev/null)
[ -z "$bad" ]; ok $? "no SQLite calls outside store/ ${bad:+($bad)}"

# cli/ prints only through cli/out.c, which passes every string argument
# through the sanitiser: a command cannot print a stored value raw.
bad=$(grep -nE '(^|[^_[:alnum:]])(printf|fprintf|vprintf|vfprintf|dprintf|puts|fputs|putchar|fputc|putc|fwrite|write|perror|err|warn|errx|warnx)[[:space:]]*\(' cli/*.c |
	grep -v '^cli/out\.c:' | cut -d: -f1,2 | tr '\n' ' ')
[ -z "$bad" ]; ok $? "cli/ prints only through cli/out.c${bad:+: $bad}"

# Nothing below tui/ and cli/ prints to the terminal: lower layers return
# a status and fill a struct cd_err.
bad=$(grep -nE '(^|[^_[:alnum:]])(printf|puts|perror|putchar|vprintf)[[:space:]]*\(|f(v?printf|puts|write|putc)\([^;]*(stderr|stdout)' \
	common/*.c keys/*.c store/*.c forms/*.c casework/*.c | cut -d: -f1,2 | tr '\n' ' ')
[ -z "$bad" ]; ok $? "nothing below tui/ and cli/ prints${bad:+: $bad}"

# The store's policy lives in store/access.c: no other file of store/ tests
# a role (the entity table's read and write masks are data it checks).
bad=$(grep -nE '(->|\.)role *(==|!=)|>> *[a-z_]+->role|[!=]= *ROLE_|ROLE_[A-Z]+ *[!=]=' store/*.c |
	grep -v '^store/access\.c:' | cut -d: -f1,2 | tr '\n' ' ')
[ -z "$bad" ]; ok $? "role tests only in store/access.c${bad:+: $bad}"

# The record engine names no entity: what one kind of record does beyond
# the common path is its hooks, declared with it in store/entities.c.
bad=
for name in person $(sed -n 's/^[[:space:]]*{ "\([a-z_0-9]*\)", "[A-Z].*/\1/p' \
	store/entities.c | sort -u); do
	grep -q "\"$name\"" store/record.c && bad="$bad $name"
done
[ -n "$(sed -n 's/^[[:space:]]*{ "\([a-z_0-9]*\)", "[A-Z].*/\1/p' store/entities.c)" ] &&
	[ -z "$bad" ]; ok $? "record.c names no entity${bad:+:$bad}"

# Includes point one way, folder by folder:
# cli -> tui -> {forms, casework} -> store -> keys -> common.
bad=
for rule in "common:common" "keys:keys common" "store:store keys common" \
	"forms:forms store keys common" "casework:casework store keys common" \
	"tui:tui forms casework store keys common" \
	"cli:cli tui forms casework store keys common"; do
	dir=${rule%%:*} allowed=${rule#*:}
	for inc in $(grep -ho '#include "[a-z]*/' "$dir"/*.c "$dir"/*.h |
		sed 's/.*"//; s/\///' | sort -u); do
		case " $allowed " in
		*" $inc "*) ;;
		*) bad="$bad $dir->$inc" ;;
		esac
	done
done
[ -z "$bad" ]; ok $? "includes follow the layers${bad:+:$bad}"

# Every header compiles on its own.
failed=
cflags="-std=c99 -I. -I${top_builddir:-.} -I/usr/include/sqlcipher -I/usr/include/iniparser -DSQLITE_HAS_CODEC"
for h in common/*.h keys/*.h store/*.h forms/*.h casework/*.h tui/*.h cli/*.h; do
	printf '#include "config.h"\n#include "%s"\n' "$h" > "$T/h.c"
	${CC:-cc} $cflags -fsyntax-only "$T/h.c" 2>"$T/h.err" || failed="$failed $h"
done
[ -z "$failed" ]; ok $? "every header compiles on its own${failed:+:$failed}"

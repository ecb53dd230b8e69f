#!/bin/sh
# The layering and header rules of ARCHITECTURE.md, checked.
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 1
plan 5

bad=$(grep -lE '#include *<(n?curses|ncursesw/curses)\.h>' */*.c */*.h |
	grep -v -e '^tui/' -e '^tests/')
[ -z "$bad" ]; ok $? "curses only in tui/ ${bad:+($bad)}"
bad=$(grep -lE '#include *<sqlite3\.h>' */*.c */*.h | grep -v -e '^store/' -e '^tests/')
[ -z "$bad" ]; ok $? "sqlite3.h only in store/ ${bad:+($bad)}"
bad=$(grep -lE '#include *<sodium\.h>' */*.c */*.h | grep -v -e '^keys/' -e '^tests/')
[ -z "$bad" ]; ok $? "sodium.h only in keys/ ${bad:+($bad)}"
bad=$(grep -lE '"(SELECT|INSERT|UPDATE|DELETE|CREATE) ' common/*.c keys/*.c tui/*.c cli/*.c 2>/dev/null)
[ -z "$bad" ]; ok $? "no SQL text outside store/ ${bad:+($bad)}"

# Every header compiles on its own.
failed=
cflags="-std=c99 -I. -I${top_builddir:-.} -I/usr/include/sqlcipher -I/usr/include/iniparser -DSQLITE_HAS_CODEC"
for h in common/*.h keys/*.h store/*.h forms/*.h casework/*.h tui/*.h cli/*.h; do
	printf '#include "config.h"\n#include "%s"\n' "$h" > "$T/h.c"
	${CC:-cc} $cflags -fsyntax-only "$T/h.c" 2>"$T/h.err" || failed="$failed $h"
done
[ -z "$failed" ]; ok $? "every header compiles on its own${failed:+:$failed}"

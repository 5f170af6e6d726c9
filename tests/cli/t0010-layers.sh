# t0010-layers.sh -- the layers of the source, as DESIGN.md draws them:
# the core includes nothing of ours outside core/; sys/ nothing but
# itself and the core's allocator; the store the core and sys/; the coach
# the core, sys/ and the store, and only the store and the coach include
# store/store.h; each front end (term/, remind/, web/, the command line
# in cli/) the layers below it and never another front end (the command
# line starts them: the player, the daemon, the server; src/web/ is the
# only one to know libmicrohttpd); no command uses another command's code (read
# from the built objects' symbols); each command is described in
# data/commands.yaml; and tools/ builds on the core and sys/fileio.
. "$TOP/tests/cli/lib.sh"

SRC="$TOP/src"
OBJ="$TOP/build/rel/src"

# includes DIR: each '#include "X"' of the files in DIR, as FILE: X.
includes() {
	grep -H '^#include "' "$SRC/$1"/*.[ch] 2>/dev/null |
	    sed 's|^.*/src/||; s|:#include "\(.*\)".*$|: \1|'
}

# only DIR PATTERN: every include of DIR matches the extended PATTERN.
only() {
	includes "$1" | grep -Ev ": ($2)$" >"$T/bad" || true
	if [ -s "$T/bad" ]; then
		echo "includes outside what $1 may use:"
		cat "$T/bad"
		return 1
	fi
}

t 'layers-1 the core includes only the core' '
	only core "[a-z0-9]+\.h"
'

t 'layers-2 sys includes only sys and the allocator' '
	only sys "sys/[a-z0-9]+\.h|core/xmalloc\.h"
'

t 'layers-3 the coach uses the core, sys and the store' '
	only coach "(core|sys|coach)/[a-z0-9]+\.h|store/store\.h"
'

t 'layers-3b the store uses the core, sys and itself' '
	only store "(core|sys)/[a-z0-9]+\.h|store/store(-int)?\.h"
'

# Only the coach opens the door to the store: no front end includes it,
# and nothing else in src/ does either. No exceptions.
t 'layers-3c only the store and the coach include store/store.h' '
	grep -rl "^#include \"store/" "$SRC" | sed "s|^$SRC/||" |
	    grep -Ev "^(store|coach)/" >"$T/bad" || true &&
	if [ -s "$T/bad" ]; then cat "$T/bad"; exit 1; fi
'

t 'layers-4 the terminal front end uses no other front end' '
	only term "(core|sys|coach|term)/[a-z0-9]+\.h|[a-z0-9]+\.h" &&
	! grep -l "^#include \"\(cli/\|store/\|remind/\|web/\)" \
	    "$SRC"/term/*.[ch]
'

t 'layers-5 the reminder daemon uses no other front end' '
	only remind "(core|sys|coach|remind)/[a-z0-9-]+\.h"
'

t 'layers-5b the command line uses the coach, the player and itself' '
	only cli "(core|sys|coach|cli|term|web|remind)/[a-z0-9-]+\.h|commands\.h|version\.h"
'

# The functions each command file defines, and those each one uses.
t 'layers-6 no command uses another command'\''s code' '
	test -d "$OBJ" || { echo "no objects in $OBJ: build first"; exit 1; } &&
	for o in "$OBJ"/cli/cmd-*.o; do
		nm --defined-only -g "$o" | awk "{ print \$3 }" |
		    sed "s|\$| $(basename "$o")|"
	done | sort >"$T/defined" &&
	for o in "$OBJ"/cli/cmd-*.o; do
		nm -u "$o" | awk "{ print \$2 }" | sort |
		    join - "$T/defined" |
		    sed "s|^|$(basename "$o") uses |"
	done >"$T/cross" &&
	if [ -s "$T/cross" ]; then cat "$T/cross"; exit 1; fi
'

t 'layers-7 the web front end uses no other front end' '
	test ! -d "$SRC/web" ||
	only web "(core|sys|coach|web)/[a-z0-9]+\.h"
'

t 'layers-8 only src/web/ knows libmicrohttpd, and only through mhd.h' '
	! grep -rl "microhttpd\.h" "$SRC" | grep -v "/src/web/mhd\.h$"
'

# The command line is data/commands.yaml, made into the table at build
# time (tools/gen-commands.c): each command there has its src/cli/cmd-NAME.c,
# each of those is there, and its one global is cmd_NAME_exec.
t 'layers-9 each command is in data/commands.yaml; cmd-NAME.o exports cmd_NAME_exec alone' '
	test -d "$OBJ" || { echo "no objects in $OBJ: build first"; exit 1; } &&
	sed -n "s/^  - name: \([a-z0-9]*\)\$/\1/p" "$TOP/data/commands.yaml" |
	    sort >"$T/listed" &&
	ls "$SRC/cli" | sed -n "s/^cmd-\(.*\)\.c\$/\1/p" | sort >"$T/files" &&
	diff -u "$T/listed" "$T/files" &&
	for c in $(cat "$T/files"); do
		nm --defined-only -g "$OBJ/cli/cmd-$c.o" | awk "{ print \$3 }" \
		    >"$T/globals" &&
		same "$T/globals" "cmd_${c}_exec" || exit 1
	done
'

t 'layers-10 the build-time tools use only the core and sys/fileio' '
	grep -H "^#include \"" "$TOP"/tools/*.[ch] |
	    grep -Ev ": *#include \"(core/[a-z0-9]+\.h|sys/fileio\.h|cstr\.h)\"" \
	    >"$T/bad" || true &&
	if [ -s "$T/bad" ]; then cat "$T/bad"; exit 1; fi
'

echo "1..$n"

# The tmux harness for end-to-end tests: a private server, a 80x24 pane,
# and polling for text with the screen printed when it never comes.
# Source after tests/lib.sh; skips the whole test when tmux is missing.
TMUX_BIN=${TMUX_BIN:-$(command -v tmux)}
if [ -z "$TMUX_BIN" ]; then echo "1..0 # SKIP tmux not installed"; exit 0; fi
sock="cd$$"
# Every plain "-t NAME" is made "-t =NAME:", that session exactly: a bare
# name is looked up as a window of the current session first, and twice in
# 60 sanitizer runs of tests/e2e/clients.sh two sessions' keys crossed.
tm() {
	_n=$# _prev=
	for _a; do
		if [ "$_prev" = -t ]; then
			case $_a in *[:=.%\$@]*) ;; *) _a="=$_a:" ;; esac
		fi
		set -- "$@" "$_a"
		_prev=$_a
	done
	shift "$_n"
	"$TMUX_BIN" -L "$sock" -f /dev/null "$@"
}
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT

# wait_on SESSION TEXT [SECONDS]: poll that session's screen for up to
# SECONDS (10); the screen is in $T/screen, printed when the text never
# comes.
wait_on() {
	i=0
	while [ $i -lt $((${3:-10} * 10)) ]; do
		tm capture-pane -p -t "$1" > "$T/screen" 2>/dev/null
		grep -qF -- "$2" "$T/screen" && return 0
		sleep 0.1; i=$((i + 1))
	done
	sed 's/^/# /' "$T/screen"
	return 1
}

# wait_for TEXT [SECONDS]: wait_on the main session, t.
wait_for() { wait_on t "$1" "${2:-10}"; }

# settle FILE: wait (up to 10 s) until FILE has grown and then stopped
# growing, so a byte count includes the whole redraw even under load.
settle() {
	i=0; _last=-1
	while [ $i -lt 40 ]; do
		_size=$(wc -c < "$1")
		[ "$_size" -gt 0 ] && [ "$_size" -eq "$_last" ] && return 0
		_last=$_size; sleep 0.25; i=$((i + 1))
	done
	return 1
}

# quiet FILE: wait (up to 10 s) until nothing more is written to FILE for
# half a second: the screen has finished drawing what came before.
quiet() {
	i=0; _last=-1
	while [ $i -lt 20 ]; do
		_size=$(wc -c < "$1")
		[ "$_size" -eq "$_last" ] && return 0
		_last=$_size; sleep 0.5; i=$((i + 1))
	done
	return 1
}

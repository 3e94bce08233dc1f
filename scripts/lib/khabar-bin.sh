# Sourced by the benchmark and evaluation scripts: sets `bin` to a release khabar binary —
# $KHABAR_BIN when set, else one built now (`swift build -c release`, scratch path $SCRATCH or
# .build). Needs `repo` (the repository root) and a `say` function; exits 2 when there is none.
if [ -n "${KHABAR_BIN:-}" ]; then
    bin="$KHABAR_BIN"
else
    scratch="${SCRATCH:-$repo/.build}"
    say "building khabar (release)…"
    (cd "$repo" && swift build -c release --scratch-path "$scratch" --product khabar >&2)
    bin="$(cd "$repo" && swift build -c release --scratch-path "$scratch" --show-bin-path)/khabar"
fi
[ -x "$bin" ] || { say "no khabar binary at $bin"; exit 2; }

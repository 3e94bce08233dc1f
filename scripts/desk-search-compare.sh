#!/usr/bin/env bash
# The story desk: Khabar's search against FTS5's unicode61 tokenizer on the same stored articles (STORE: a desk store, e.g. desk.db).
# Talks only to a khabar server it starts itself on 127.0.0.1. KHABAR_BIN skips the build; WORK sets the work folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "desk-search-compare: $*" >&2; }
. "$repo/scripts/lib/khabar-bin.sh"
exec python3 "$repo/scripts/desk/search_compare.py" "$bin" "${1:?usage: desk-search-compare.sh STORE.db}"

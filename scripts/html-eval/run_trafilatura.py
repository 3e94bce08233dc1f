#!/usr/bin/env python3
"""Runs trafilatura (default settings) on HTML files; writes JSON Lines {"id", "text"} to stdout."""
import json
import sys
from pathlib import Path

import trafilatura


def main():
    for path in sys.argv[1:]:
        p = Path(path)
        page_id = p.name.split(".")[0]
        html = p.read_bytes()
        try:
            text = trafilatura.extract(html) or ""
        except Exception as e:  # a failure counts as an empty prediction
            print(f"trafilatura failed on {page_id}: {e}", file=sys.stderr)
            text = ""
        print(json.dumps({"id": page_id, "text": text}, ensure_ascii=False))


if __name__ == "__main__":
    main()

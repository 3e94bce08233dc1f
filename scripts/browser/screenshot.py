#!/usr/bin/env python3
"""Screenshots of pages at exact viewport widths, through Chromium's DevTools protocol.

    python3 scripts/browser/screenshot.py WIDTH,HEIGHT OUT.png URL [WIDTH,HEIGHT OUT.png URL ...]

`chromium --headless --screenshot --window-size=390,1800` does not lay the page out at 390 px: a
headless window is at least 500 px wide, and the PNG is that layout cut to 390 px from the left —
for a right-to-left page, its start side is what is cut off. Here the viewport is set with
Emulation.setDeviceMetricsOverride (mobile below 600 px, so <meta name="viewport"> applies), the page
loaded, and Page.captureScreenshot takes exactly WIDTH×HEIGHT. One browser for all the shots
(scripts/desk-screenshots.sh). Exits 1 when any shot failed.
"""

import base64
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desk_e2e import CDPBrowser, find_chromium  # noqa: E402


def main():
    args = sys.argv[1:]
    if not args or len(args) % 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    browser = CDPBrowser(os.environ.get("CHROMIUM") or find_chromium(), 1280, 2000)
    failed = 0
    try:
        browser.call("Emulation.setScrollbarsHidden", hidden=True)
        for i in range(0, len(args), 3):
            size, out, url = args[i:i + 3]
            try:
                width, height = (int(v) for v in size.split(","))
                browser.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                             deviceScaleFactor=1, mobile=width < 600)
                browser.get(url)
                browser.js("document.fonts.ready.then(() => true)")
                time.sleep(0.2)
                # the viewport as it stands (no clip: a clip counts x from the document's left edge,
                # which for a right-to-left page that overflows is not where the reader starts)
                shot = browser.call("Page.captureScreenshot", format="png")
                with open(out, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
                wide = browser.js("document.documentElement.scrollWidth")
                note = f" (page {wide} px wide: scrolls sideways)" if wide > width else ""
                print(f"{out}  {width}x{height}  {url}{note}", flush=True)
            except Exception as error:
                failed += 1
                print(f"screenshot.py: {url} at {size}: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
    finally:
        browser.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""End-to-end test of a running `khabar serve` in headless Chromium (driven by scripts/browser-test.sh).

    python3 scripts/browser/desk_e2e.py --base http://127.0.0.1:PORT [--story ID] [--query بوتين]

Opens the front page, finds the story, clicks its headline, checks the digest (summary, citation
links that land on the article list), types a name into the search box and submits it, checks the
results (the story, a <mark> highlight), follows an entity link, and checks every page for
lang="ar" dir="rtl", the search form, no horizontal overflow at 390 px wide, and no console errors
or Content-Security-Policy violations.

Two ways to drive the browser, the first that works:
  selenium  Selenium WebDriver with chromedriver (Debian: chromium-driver), clicks and keys sent by
            WebDriver, the console read from the 'browser' log;
  cdp       Chromium's DevTools protocol over a websocket (PyPI: websocket-client): clicks and keys
            as Input.dispatch* events, the console from Runtime/Log events.
--backend forces one. Prints one line per check ("PASS  …" / "FAIL  …"), then "N passed, N failed";
exits 1 when any check failed (a browser that does not start is a failed check). Every wait is bounded.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

WAIT = 15.0  # seconds, any single wait for a page or an element


class Stop(Exception):
    pass


def on_term(signum, frame):  # `timeout` sends SIGTERM: close the browser on the way out
    raise Stop(f"signal {signum}")


# --- backends ------------------------------------------------------------------------------


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium_flags(width, height):
    return ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--lang=ar",
            f"--window-size={width},{height}"]


class SeleniumBrowser:
    name = "selenium"

    def __init__(self, chromium, chromedriver, width, height):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        self.By, self.Keys = By, Keys
        options = webdriver.ChromeOptions()
        if chromium:
            options.binary_location = chromium
        for flag in chromium_flags(width, height):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver_path = chromedriver or shutil.which("chromedriver")
        if not driver_path:
            raise RuntimeError("no chromedriver (Debian package chromium-driver)")
        # an explicit driver: Selenium Manager would try to download one
        self.driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        self.driver.set_page_load_timeout(WAIT)
        self.driver.set_script_timeout(WAIT)

    def get(self, url):
        self.driver.get(url)

    def url(self):
        return self.driver.current_url

    def js(self, expression):
        return self.driver.execute_script("return (" + expression + ");")

    def _element(self, css, index):
        elements = self.driver.find_elements(self.By.CSS_SELECTOR, css)
        if len(elements) <= index:
            raise RuntimeError(f"no element {css!r} #{index}")
        return elements[index]

    def click(self, css, index=0):
        element = self._element(css, index)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()

    def type_and_submit(self, css, text):
        element = self._element(css, 0)
        element.clear()
        element.send_keys(text)
        element.send_keys(self.Keys.ENTER)

    def resize(self, width, height):
        self.driver.set_window_size(width, height)

    def console(self):
        try:
            entries = self.driver.get_log("browser")
        except Exception as error:  # a driver without the log endpoint
            return None, f"browser log unavailable: {error}"
        return [(e.get("level", ""), e.get("source", ""), e.get("message", "")) for e in entries], None

    def close(self):
        try:
            self.driver.quit()
        except Exception:
            pass


class CDPBrowser:
    """Chromium's DevTools protocol, without WebDriver: a headless Chromium on a random debugging
    port, one page target, commands over its websocket."""
    name = "cdp"

    def __init__(self, chromium, width, height):
        import websocket  # websocket-client
        if not chromium:
            raise RuntimeError("no chromium")
        self.profile = tempfile.mkdtemp(prefix="khabar-cdp-")
        self.proc = subprocess.Popen(
            [chromium, *chromium_flags(width, height), "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + WAIT
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if time.time() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not open a debugging port")
            time.sleep(0.1)
        port = int(open(port_file).read().split()[0])
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=WAIT))
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=WAIT, suppress_origin=True)
        self.next_id = 0
        self.events = []
        self.width, self.height = width, height
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        deadline = time.time() + WAIT
        while time.time() < deadline:
            message = json.loads(self.ws.recv())
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)
        raise RuntimeError(f"{method}: no answer in {WAIT}s")

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression="(" + expression + ")", returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"js: {result['exceptionDetails'].get('text')} in {expression[:80]}")
        return result.get("result", {}).get("value")

    def _wait_loaded(self, previous_url=None):
        deadline = time.time() + WAIT
        while time.time() < deadline:
            try:
                state, href = self.js("[document.readyState, location.href]")
                if state == "complete" and (previous_url is None or href != previous_url):
                    return
            except RuntimeError:
                pass  # the context is being replaced
            time.sleep(0.1)

    def get(self, url):
        self.call("Page.navigate", url=url)
        time.sleep(0.2)
        self._wait_loaded()

    def url(self):
        return self.js("location.href")

    def _center(self, css, index):
        box = self.js(f"""(() => {{ const e = document.querySelectorAll({json.dumps(css)})[{index}];
            if (!e) return null; e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        if not box:
            raise RuntimeError(f"no element {css!r} #{index}")
        return box

    def click(self, css, index=0):
        x, y = self._center(css, index)
        before = self.url()
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
        time.sleep(0.2)
        self._wait_loaded()
        return before

    def type_and_submit(self, css, text):
        self.click(css)
        self.js(f"(() => {{ const e = document.querySelector({json.dumps(css)}); e.value = ''; e.focus(); return true; }})()")
        self.call("Input.insertText", text=text)
        for kind in ("rawKeyDown", "char", "keyUp"):
            params = dict(type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13, nativeVirtualKeyCode=13)
            if kind == "char":
                params["text"] = "\r"
            self.call("Input.dispatchKeyEvent", **params)
        time.sleep(0.3)
        self._wait_loaded()

    def resize(self, width, height):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def console(self):
        self.ws.settimeout(0.3)
        try:
            while True:
                message = json.loads(self.ws.recv())
                if "method" in message:
                    self.events.append(message)
        except Exception:
            pass
        finally:
            self.ws.settimeout(WAIT)
        out = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Log.entryAdded":
                entry = p.get("entry", {})
                out.append(({"error": "SEVERE", "warning": "WARNING"}.get(entry.get("level"), "INFO"),
                            entry.get("source", ""), f"{entry.get('url', '')} {entry.get('text', '')}".strip()))
            elif e["method"] == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                out.append(({"error": "SEVERE", "warning": "WARNING"}.get(p.get("type"), "INFO"), "console-api", text))
            elif e["method"] == "Runtime.exceptionThrown":
                out.append(("SEVERE", "javascript", p.get("exceptionDetails", {}).get("text", "")))
        self.events = []
        return out, None

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        if getattr(self, "proc", None) and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(5)
            except Exception:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except Exception:
                    pass
        shutil.rmtree(getattr(self, "profile", ""), ignore_errors=True)


def start_browser(backend, chromium, chromedriver, width, height):
    errors = []
    order = [backend] if backend != "auto" else ["selenium", "cdp"]
    for name in order:
        try:
            if name == "selenium":
                return SeleniumBrowser(chromium, chromedriver, width, height), errors
            return CDPBrowser(chromium, width, height), errors
        except Exception as error:
            errors.append(f"{name}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
    return None, errors


# --- checks --------------------------------------------------------------------------------


class Checks:
    def __init__(self, prior_passed=0):
        self.passed, self.failed = prior_passed, 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f" — {detail}" if detail else ""), flush=True)
        return ok


def wait_for(predicate, timeout=WAIT):
    deadline = time.time() + timeout
    value = None
    while time.time() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception:
            pass
        time.sleep(0.1)
    return value


PAGE_FRAME_JS = """(() => {
  const html = document.documentElement;
  const form = document.querySelector('form.search');
  const input = form && form.querySelector('input[type=search][name=q]');
  return { lang: html.getAttribute('lang'), dir: html.getAttribute('dir'), computedDir: getComputedStyle(document.body).direction,
           form: !!form, action: form ? new URL(form.action, location.href).pathname : null, input: !!input,
           title: document.title };
})()"""


def check_frame(c, b, page):
    f = b.js(PAGE_FRAME_JS)
    c.check(f"{page}: <html lang=\"ar\" dir=\"rtl\"> (body computed direction rtl)",
            f["lang"] == "ar" and f["dir"] == "rtl" and f["computedDir"] == "rtl",
            f"lang={f['lang']!r} dir={f['dir']!r} computed={f['computedDir']!r}")
    c.check(f"{page}: search form (action /search, <input type=search name=q>)",
            f["form"] and f["action"] == "/search" and f["input"], f"form={f['form']} action={f['action']} input={f['input']}")
    return f


def check_console(c, b, page, ignore_favicon=True):
    entries, problem = b.console()
    if entries is None:
        print(f"NOTE  {page}: console not checked ({problem})", flush=True)
        return
    bad = [e for e in entries if e[0] == "SEVERE" or "Content Security Policy" in e[2] or "Refused to" in e[2]]
    favicon = [e for e in bad if "favicon.ico" in e[2]]
    if ignore_favicon:
        bad = [e for e in bad if "favicon.ico" not in e[2]]
    csp = [e for e in bad if "Content Security Policy" in e[2] or "Refused to" in e[2]]
    c.check(f"{page}: no console errors or CSP violations", not bad,
            "; ".join(f"[{lvl}/{src}] {msg[:200]}" for lvl, src, msg in bad[:3]) + (f" ({len(csp)} CSP)" if csp else ""))
    if favicon:
        print(f"NOTE  {page}: ignored {len(favicon)} favicon.ico error(s): {favicon[0][2][:160]}", flush=True)


def check_no_overflow(c, b, page, url, width=390):
    """The page at a phone's width: no horizontal scrolling of the whole page."""
    b.resize(width, 900)
    b.get(url)
    time.sleep(0.2)
    m = b.js("""(() => { const d = document.documentElement;
        const wide = [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect();
          return r.width > 0 && (r.left < -1 || r.right > d.clientWidth + 1) && getComputedStyle(e).position !== 'fixed'
            && !e.closest('[style*=overflow], table'); }).slice(0, 3)
          .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px');
        return { inner: window.innerWidth, client: d.clientWidth, scroll: d.scrollWidth, wide }; })()""")
    ok = m["scroll"] <= m["client"] + 1
    c.check(f"{page} at {width}px: no horizontal overflow", ok,
            f"viewport {m['inner']}px, document {m['scroll']}px" + (f"; wide: {', '.join(m['wide'])}" if m["wide"] else ""))
    return ok


def run(args):
    c = Checks(args.prior_passed)
    base = args.base.rstrip("/")
    browser, errors = start_browser(args.backend, args.chromium or find_chromium(), args.chromedriver, 1280, 1000)
    for e in errors:
        print(f"NOTE  browser backend unavailable: {e}", flush=True)
    if browser is None:
        c.check("headless Chromium started", False, "; ".join(errors))
        return c
    try:
        c.check("headless Chromium started", True, f"backend {browser.name}")
        query = args.query

        # 1. The front page lists the story.
        browser.get(base + "/")
        check_frame(c, browser, "front page")
        stories = browser.js("""[...document.querySelectorAll('ol.stories li.item a.headline')]
            .map(a => ({ href: new URL(a.href).pathname, text: a.textContent.trim() }))""") or []
        want = f"/stories/{args.story}" if args.story is not None else None
        index = next((i for i, s in enumerate(stories) if want is None or s["href"] == want), None)
        c.check("front page: the story is listed (a.headline → " + (want or "/stories/…") + ")", index is not None,
                f"{len(stories)} stories listed" + (f"; first: {stories[0]['href']} {stories[0]['text'][:60]!r}" if stories else ""))
        check_console(c, browser, "front page")
        if index is None:
            return c
        story_path = stories[index]["href"]
        headline = stories[index]["text"]

        # 2. Clicking the headline opens the story page with its summary.
        browser.click("ol.stories li.item a.headline", index)
        landed = wait_for(lambda: urllib.parse.urlparse(browser.url()).path == story_path and
                          browser.js("document.readyState") == "complete")
        c.check(f"click headline → {story_path}", bool(landed), f"at {browser.url()}")
        check_frame(c, browser, "story page")
        s = browser.js("""(() => { const art = document.querySelector('article.story');
            const sum = [...document.querySelectorAll('ol.summary > li')];
            return { id: art && art.id, h2: art && art.querySelector('h2') ? art.querySelector('h2').textContent.trim() : '',
                     sentences: sum.length, chars: sum.reduce((n, li) => n + li.textContent.trim().length, 0),
                     cites: document.querySelectorAll('sup.cite a[href^="#"]').length,
                     articles: document.querySelectorAll('ol.articles > li[id]').length }; })()""")
        c.check("story page: headline (article.story h2)", bool(s["h2"]), repr(s["h2"][:80]))
        c.check("story page: summary shown (ol.summary sentences)", s["sentences"] > 0 and s["chars"] > 40,
                f"{s['sentences']} sentences, {s['chars']} characters")
        c.check("story page: citation links and article list", s["cites"] > 0 and s["articles"] > 0,
                f"{s['cites']} citation links, {s['articles']} listed articles")
        check_console(c, browser, "story page")

        # 3. A citation link lands on its article-list item.
        if s["cites"] > 0:
            href = browser.js("document.querySelector('ol.summary sup.cite a[href^=\"#\"], sup.cite a[href^=\"#\"]').getAttribute('href')")
            browser.click("ol.summary sup.cite a[href^='#'], sup.cite a[href^='#']")
            fragment = wait_for(lambda: urllib.parse.urlparse(browser.url()).fragment) or ""
            target = browser.js(f"""(() => {{ const e = document.getElementById({json.dumps(fragment)});
                if (!e) return null; const r = e.getBoundingClientRect();
                return {{ tag: e.tagName.toLowerCase(), inArticles: !!e.closest('ol.articles'), isTarget: e.matches(':target'),
                         top: Math.round(r.top), visible: r.bottom > 0 && r.top < window.innerHeight,
                         text: e.textContent.trim().slice(0, 70) }}; }})()""")
            c.check(f"click citation {href} → URL fragment", "#" + fragment == href and
                    re.fullmatch(r"s[^-]+-a\d+", fragment) is not None, f"at {browser.url()}")
            c.check("citation target: an article-list item (ol.articles > li, :target, scrolled into view)",
                    bool(target) and target["tag"] == "li" and target["inArticles"] and target["isTarget"] and target["visible"],
                    json.dumps(target, ensure_ascii=False))

        # 4. Typing a name into the search box and submitting it.
        browser.type_and_submit("form.search input[name=q]", query)
        on_results = wait_for(lambda: urllib.parse.urlparse(browser.url()).path == "/search" and
                              browser.js("document.readyState") == "complete")
        got_q = urllib.parse.parse_qs(urllib.parse.urlparse(browser.url()).query).get("q", [""])[0]
        c.check(f"search: typed {query!r} + Enter → /search?q=…", bool(on_results) and got_q == query,
                f"at {urllib.parse.unquote(browser.url())}")
        check_frame(c, browser, "search page")
        r = browser.js(f"""(() => {{ const items = [...document.querySelectorAll('ol.stories li.item')];
            const hit = items.find(li => {{ const a = li.querySelector('a.headline'); return a && new URL(a.href).pathname === {json.dumps(story_path)}; }});
            return {{ items: items.length, hit: !!hit, marks: hit ? [...hit.querySelectorAll('mark')].map(m => m.textContent) : [],
                     allMarks: document.querySelectorAll('mark').length,
                     box: document.querySelector('form.search input[name=q]').value }}; }})()""")
        c.check(f"search results: the story ({story_path}) is listed", r["hit"], f"{r['items']} stories found")
        c.check("search results: the story's snippet has a <mark> highlight", len(r["marks"]) > 0,
                f"marks {r['marks'][:4]} ({r['allMarks']} on the page)")
        c.check("search page: the box keeps the query", r["box"] == query, repr(r["box"]))
        check_console(c, browser, "search page")

        # 5. An entity chip of the story → the entity page.
        entity = browser.js(f"""(() => {{ const li = [...document.querySelectorAll('ol.stories li.item')].find(li =>
            new URL(li.querySelector('a.headline').href).pathname === {json.dumps(story_path)});
            const a = li && li.querySelector('p.entities a'); return a ? new URL(a.href).pathname : null; }})()""")
        if entity:
            idx = browser.js(f"""[...document.querySelectorAll('p.entities a')].findIndex(a => new URL(a.href).pathname === {json.dumps(entity)})""")
            browser.click("p.entities a", idx)
            wait_for(lambda: urllib.parse.urlparse(browser.url()).path == entity)
            e = browser.js("""(() => ({ h2: (document.querySelector('article.story h2') || {}).textContent || '',
                links: [...document.querySelectorAll('ol.stories a.headline')].map(a => new URL(a.href).pathname) }))()""")
            c.check(f"click entity chip → {entity} (name, its stories include {story_path})",
                    urllib.parse.urlparse(browser.url()).path == entity and e["h2"] and story_path in e["links"],
                    f"{e['h2']!r}, {len(e['links'])} stories")
            check_frame(c, browser, "entity page")
            check_console(c, browser, "entity page")
        else:
            c.check("search results: the story has entity links", False, "no p.entities a")

        # 6. At a phone's width nothing makes the page scroll sideways.
        for page, url in (("front page", base + "/"), ("story page", base + story_path),
                          ("search page", base + "/search?q=" + urllib.parse.quote(query))):
            check_no_overflow(c, browser, page, url)
        check_console(c, browser, "390px pages")
    except Stop as stop:
        c.check("finished", False, f"stopped by {stop}")
    except Exception as error:
        c.check("no unexpected error", False, f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
    finally:
        browser.close()
    return c


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the desk's address, e.g. http://127.0.0.1:8080")
    parser.add_argument("--story", help="the id of the story to look for (default: the first listed)")
    parser.add_argument("--query", default="بوتين", help="the name to search for")
    parser.add_argument("--backend", choices=["auto", "selenium", "cdp"], default="auto")
    parser.add_argument("--chromium", help="Chromium binary (default: chromium on PATH)")
    parser.add_argument("--chromedriver", help="chromedriver binary (default: on PATH)")
    parser.add_argument("--prior-passed", type=int, default=0, help="checks already passed by the caller (counted in the total)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, on_term)
    c = run(args)
    print(f"{c.passed} passed, {c.failed} failed", flush=True)
    sys.exit(0 if c.failed == 0 else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Check the HTML reports the way a reader sees them: in a real (headless) Chromium.

    python scripts/check_reports.py [HTML...]      # default: every reports/*.html

Standard library only.  Chromium is driven through the DevTools protocol over
--remote-debugging-pipe (JSON messages ended by a NUL byte; the browser reads fd 3 and
writes fd 4).  Every file is opened in a fresh tab with a 1280x900 viewport and every
request that is not file:, data:, about: or blob: is recorded and failed before it leaves
the browser (Fetch interception; host names do not resolve either).  Problems, one line
each as ``FILE: WHAT: WHERE``:

* a table or image wider than the page: the content column of templates/offline
  (the ``main`` element, at most 1200px), including a table that only fits because it
  scrolls inside a wrapper, and a pandas table whose columns were cut to "...";
* NaN, None, True, False, nan, NaT, <NA> or a Python repr (``<... object at 0x...>``,
  ``['a', 'b']``, ``{'a': 1}``, ``Timestamp(...)``...) in visible text: table cells and
  prose, never inside <script>/<style>;
* an image without a real alt text (missing, blank, or nbconvert's placeholder
  "No description has been provided for this image");
* any network request (URL not file:/data:/about:/blob:), or a remote URL in a
  resource attribute (src, srcset, stylesheet href...) even if it was never fetched;
* a page that fails to load, JavaScript exceptions and console errors.

Exit status: 0 no problem, 1 problems found, 2 the check could not run (no browser...).
The browser binary: $CHROMIUM, else the first of chromium, chromium-browser,
google-chrome on PATH.
"""
from __future__ import annotations

import argparse
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WIDTH, HEIGHT = 1280, 900
LOAD_TIMEOUT = 60.0      # seconds for a page's load event
QUIET = 0.5              # seconds without a request in flight: the page has settled
SETTLE_TIMEOUT = 10.0    # at most this long waiting for that
ALLOWED_SCHEMES = ("file:", "data:", "about:", "blob:")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--no-default-browser-check", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--disable-default-apps", "--mute-audio", "--metrics-recording-only",
    # nothing resolves: even a request the interception missed cannot leave the machine
    "--host-resolver-rules=MAP * ~NOTFOUND",
    f"--window-size={WIDTH},{HEIGHT}", "--remote-debugging-pipe",
]


class BrowserError(RuntimeError):
    """The browser died, did not answer, or refused a command."""


def find_browser() -> str | None:
    env = os.environ.get("CHROMIUM")
    if env:
        return env if (os.path.isfile(env) or shutil.which(env)) else None
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def _high_fd(fd: int) -> int:
    """A copy of fd numbered 10 or more (close-on-exec), so that putting the pipe ends on
    fds 3 and 4 in the child can never overwrite one with the other."""
    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return new


class Browser:
    """A headless Chromium on --remote-debugging-pipe, with a tiny synchronous CDP client."""

    def __init__(self, binary: str):
        self.profile = tempfile.mkdtemp(prefix="check-reports-")
        to_browser_r, to_browser_w = (_high_fd(fd) for fd in os.pipe())
        from_browser_r, from_browser_w = (_high_fd(fd) for fd in os.pipe())

        def child_fds():  # runs in the child between fork and exec
            os.dup2(to_browser_r, 3)    # dup2 clears close-on-exec on 3 and 4; the
            os.dup2(from_browser_w, 4)  # high originals are closed by exec itself

        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=child_fds, start_new_session=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.wfd, self.rfd = to_browser_w, from_browser_r
        self.buf = b""
        self.next_id = 0
        self.replies: dict[int, dict] = {}
        self.ignored: set[int] = set()
        self.events: list[dict] = []
        self.handlers: list = []   # called with every event as it arrives
        try:
            self.version = self.call("Browser.getVersion", timeout=30)["product"]
        except BaseException:
            self.close()
            raise

    # -- wire --------------------------------------------------------------------------
    def _write(self, msg: dict) -> None:
        data = json.dumps(msg).encode() + b"\0"
        while data:
            try:
                n = os.write(self.wfd, data)
            except BrokenPipeError as exc:
                raise BrowserError("the browser closed its pipe") from exc
            data = data[n:]

    def _pump(self, deadline: float) -> bool:
        """Read what the browser sent until deadline; False if nothing came."""
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([self.rfd], [], [], left)
        if not ready:
            return False
        chunk = os.read(self.rfd, 1 << 20)
        if not chunk:
            raise BrowserError(f"the browser exited (status {self.proc.poll()})")
        self.buf += chunk
        *messages, self.buf = self.buf.split(b"\0")
        for raw in messages:
            msg = json.loads(raw)
            if "id" in msg:
                if msg["id"] in self.ignored:
                    self.ignored.discard(msg["id"])
                else:
                    self.replies[msg["id"]] = msg
            else:
                self.events.append(msg)
                for handler in list(self.handlers):
                    handler(msg)
        return True

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             wait: bool = True) -> int:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        if not wait:
            self.ignored.add(self.next_id)
        self._write(msg)
        return self.next_id

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict:
        msg_id = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while msg_id not in self.replies:
            if not self._pump(deadline) and time.monotonic() >= deadline:
                raise BrowserError(f"no answer to {method} within {timeout:.0f}s")
        reply = self.replies.pop(msg_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def wait_for(self, predicate, timeout: float, step: float = 0.1) -> bool:
        """Handle messages until predicate() holds (checked at least every step seconds)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                return False
            self._pump(min(deadline, time.monotonic() + step))
        return True

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                try:
                    self.send("Browser.close", wait=False)
                    self.proc.wait(timeout=10)
                except (BrowserError, OSError, subprocess.TimeoutExpired):
                    pass
            if self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)   # its own session: browser + helpers
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=10)
        finally:
            for fd in (self.wfd, self.rfd):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# The page-side checks: returns [{what, where}], run once the page has settled.
PAGE_CHECKS = r"""
(() => {
  const problems = [];
  const add = (what, where) => problems.push({what, where});
  const PLACEHOLDER_ALT = /^no description has been provided for this image$/i;
  const column = document.querySelector('main') || document.body;
  const cs = getComputedStyle(column);
  const crect = column.getBoundingClientRect();
  const colLeft = crect.left + parseFloat(cs.paddingLeft) + parseFloat(cs.borderLeftWidth);
  const colWidth = column.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const colRight = colLeft + colWidth;
  const px = (x) => Math.round(x) + 'px';
  const clip = (s, n = 60) => { s = s.replace(/\s+/g, ' ').trim(); return s.length > n ? s.slice(0, n - 1) + '…' : s; };

  // document order: the heading above each element, and numbered tables and images
  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')];
  const headingBefore = (el) => {
    let last = null;
    for (const h of headings) {
      if (h === el || h.contains(el)) break;
      if (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) last = h; else break;
    }
    return last ? ' under "' + clip(last.textContent.replace(/¶$/, ''), 50) + '"' : '';
  };
  const rendered = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const tables = [...document.querySelectorAll('table')].filter(t => !t.parentElement.closest('table'));
  const tableName = new Map(tables.map((t, i) => [t, 'table ' + (i + 1) + headingBefore(t)]));
  const images = [...document.querySelectorAll('img, svg, canvas')].filter(e => !e.parentElement.closest('svg'));
  const imageName = new Map(images.map((e, i) => [e, 'image ' + (i + 1) + headingBefore(e)]));

  // 1. width: tables and images against the content column, and against any box they scroll in
  const tooWide = (el, name, kind) => {
    if (!rendered(el)) return;
    const r = el.getBoundingClientRect();
    const w = Math.max(r.width, el.scrollWidth || 0);
    if (w > colWidth + 1 || r.left < colLeft - 1 || r.left + w > colRight + 1) {
      add(kind + ' wider than the page (' + px(w) + ' in a ' + px(colWidth) + ' column)', name);
      return;
    }
    for (let a = el.parentElement; a && a !== column && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox !== 'visible' && a.scrollWidth > a.clientWidth + 1) {
        add(kind + ' scrolls sideways inside its box (' + px(w) + ' in ' + px(a.clientWidth) + ')', name);
        return;
      }
    }
  };
  tables.forEach(t => tooWide(t, tableName.get(t), 'table'));
  images.forEach(e => tooWide(e, imageName.get(e), 'image'));
  // pandas cut columns out (display.max_columns): the table did not fit before it got here
  const DOTS = /^(\.\.\.|…)$/;
  for (const t of tables) {
    const header = t.tHead ? [...t.tHead.rows].pop() : t.rows[0];
    if (header && [...header.cells].some(c => DOTS.test(c.textContent.trim())))
      add('table columns truncated by pandas ("..." column)', tableName.get(t));
  }

  // 2. alt text
  for (const img of document.querySelectorAll('img')) {
    const alt = img.getAttribute('alt');
    if (alt === null || !alt.trim()) add('image without alt text', imageName.get(img));
    else if (PLACEHOLDER_ALT.test(alt.trim())) add('image without alt text (nbconvert placeholder)', imageName.get(img));
  }

  // 3. remote URLs in resource attributes (lazy images, objects... not requested yet);
  // the ones the page did request are reported once, as requests
  const remote = (u) => /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(u) && !/^\s*file:/i.test(u);
  const attrs = [['img,source,script,iframe,embed,audio,video,track,input', 'src'],
                 ['img,source', 'srcset'], ['video', 'poster'], ['object', 'data'],
                 ['link:not([rel~="canonical"]):not([rel~="alternate"]):not([rel~="author"]):not([rel~="license"])', 'href'],
                 ['image,use', 'href'], ['image,use', 'xlink:href']];
  for (const [sel, attr] of attrs)
    for (const el of document.querySelectorAll(sel)) {
      const v = el.getAttribute(attr);
      if (v && remote(v)) problems.push({what: 'remote resource ' + clip(v, 80), url: new URL(v.trim().split(/\s/)[0], document.baseURI).href,
                                         where: '<' + el.tagName.toLowerCase() + ' ' + attr + '>' + headingBefore(el)});
    }
  for (const el of document.querySelectorAll('[style*="url("]')) {
    const m = el.getAttribute('style').match(/url\(\s*['"]?([^'")]+)/i);
    if (m && remote(m[1])) problems.push({what: 'remote resource ' + clip(m[1], 80), url: new URL(m[1].trim(), document.baseURI).href,
                                          where: 'style of <' + el.tagName.toLowerCase() + '>' + headingBefore(el)});
  }

  // 4. Python values and reprs in visible text.  Table cells: any whole-word match, and
  // reprs quoted either way.  A sentence opening "None of..." / "True to..." is English, in
  // prose or in a cell quoting an article; in prose only single-quoted reprs count (prose
  // quotes words "like this").
  const WORD = /(?<![\w.<])(NaN|nan|None|True|False|NaT|<NA>)(?![\w(>])/g;
  const reprs = (str) => {
    const item = '(?:' + str + '|-?\\d[\\d.e+-]*|None|True|False|nan)';
    return [
      [/<[^<>\n]{1,120}? at 0x[0-9a-fA-F]+>/, 'object repr'],
      [/<(?:function|bound method|built-in function|module|class|generator object|coroutine object) [^<>\n]{1,120}>/, 'object repr'],
      [/\b(?:Timestamp|Timedelta|Period|Interval|datetime\.(?:datetime|date|time|timedelta)|Decimal|Fraction|np\.(?:float|int|str|bool|datetime|timedelta)\w*|numpy\.\w+|array|defaultdict|OrderedDict|Counter|frozenset|dict_(?:keys|values|items)|(?:Posix|Windows)?Path|Series|DataFrame|(?:Range|Multi|Datetime)?Index|Categorical|dtype)\(/, 'Python repr'],
      [new RegExp('\\[\\s*' + item + '\\s*(?:,\\s*(?:' + item + '|\\.\\.\\.)\\s*)+\\]'), 'list repr'],
      [new RegExp('\\[\\s*(?:' + str + ')\\s*\\]'), 'list repr'],
      [new RegExp('\\{\\s*(?:' + str + '|-?\\d[\\d.]*)\\s*:\\s*[^\\s}][^}\\n]{0,40}\\}?'), 'dict repr'],
      [new RegExp('\\(\\s*(?:' + str + ')\\s*,\\s*[^)]*\\)'), 'tuple repr'],
      [/\bdtype: (?:object|int\d+|float\d+|bool|string|category|datetime64)/, 'pandas Series repr'],
    ];
  };
  const REPRS_CELL = reprs('\'[^\'\\n]*\'|"[^"\\n]*"'), REPRS_PROSE = reprs('\'[^\'\\n]*\'');
  const EMPTY = /^(?:\[\]|\{\}|\(\)|set\(\))$/;   // a whole cell holding an empty container
  const skip = 'script,style,noscript,template,head,title';
  const topTable = (cell) => tables.find(t => t.contains(cell)) || cell.closest('table');
  const columnName = (table, cell) => {  // the header cell straddling this cell's centre
    const r = cell.getBoundingClientRect(), x = r.left + r.width / 2;
    const heads = table.tHead ? [...table.tHead.rows] : [];
    for (const row of heads)
      for (const h of row.cells) {
        const hr = h.getBoundingClientRect();
        if (h !== cell && hr.left <= x && x < hr.right && h.textContent.trim()) return clip(h.textContent, 30);
      }
    return '';
  };
  const cellGroups = new Map();   // what|table|column -> rows
  const prose = new Set();
  const report = (what, node) => {
    const el = node.parentElement;
    const cell = el.closest('td,th');
    if (!cell) {
      const where = 'text' + headingBefore(el) + ': "' + clip(node.textContent, 60) + '"';
      if (!prose.has(what + '|' + where)) { prose.add(what + '|' + where); add(what, where); }
      return;
    }
    const table = topTable(cell), row = cell.closest('tr');
    const idx = [...cell.parentElement.cells].indexOf(cell);
    const name = columnName(table, cell);
    const col = 'column ' + (idx + 1) + (name ? ' "' + name + '"' : '');
    const key = what + '\u0000' + (tableName.get(table) || 'table') + '\u0000' + col;
    if (!cellGroups.has(key)) cellGroups.set(key, []);
    // rows counted in the table's body, as a reader counts them (header rows apart)
    const body = row.parentElement.tagName === 'TBODY' ? [...row.parentElement.rows] : [...table.rows];
    const rows = cellGroups.get(key), n = body.indexOf(row) + 1;
    if (!rows.some(x => x.n === n)) {
      const label = row.cells[0] && row.cells[0] !== cell && row.cells[0].tagName === 'TH' ? clip(row.cells[0].textContent, 30) : '';
      rows.push({n, label});
    }
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (!n.textContent.trim() || n.parentElement.closest(skip) || !rendered(n.parentElement))
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent;
    const cell = n.parentElement.closest('td,th');
    for (const m of text.matchAll(WORD)) {
      if (/^(None|True|False)$/.test(m[1]) &&
          /^\s+[a-z]/.test(text.slice(m.index + m[1].length)) &&
          /(^|[.!?:])\s*["“‘'(]?$/.test(text.slice(0, m.index))) continue;
      report('Python value ' + m[1] + ' in visible text', n);
    }
    for (const [re, what] of (cell ? REPRS_CELL : REPRS_PROSE)) {
      const m = text.match(re);
      if (m) report(what + ' ' + clip(m[0], 40) + ' in visible text', n);
    }
    if (cell && EMPTY.test(cell.textContent.trim()))
      report('empty container repr ' + cell.textContent.trim() + ' in a table cell', n);
  }
  for (const [key, rows] of cellGroups) {
    const [what, table, col] = key.split('\u0000');
    const first = rows[0];
    const where = rows.length === 1
      ? 'row ' + first.n + (first.label ? ' "' + first.label + '"' : '')
      : rows.length + ' rows (' + rows.slice(0, 4).map(r => r.n).join(', ') + (rows.length > 4 ? ', …' : '') + ')';
    add(what, table + ', ' + col + ', ' + where);
  }
  return problems;
})()
"""


def check_page(browser: Browser, html: Path) -> list[tuple[str, str]]:
    """Open html in a new tab; return [(what, where)]."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    problems: list[tuple[str, str]] = []
    inflight: set[str] = set()
    requested: set[str] = set()   # remote URLs already reported
    state = {"loaded": False, "last": time.monotonic()}

    def on_event(ev: dict) -> None:
        if ev.get("sessionId") != session:
            return
        method, params = ev["method"], ev.get("params", {})
        if method == "Fetch.requestPaused":
            url = params["request"]["url"]
            if url.startswith(ALLOWED_SCHEMES):
                browser.send("Fetch.continueRequest", {"requestId": params["requestId"]}, session, wait=False)
            else:
                browser.send("Fetch.failRequest", {"requestId": params["requestId"],
                                                   "errorReason": "BlockedByClient"}, session, wait=False)
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            inflight.add(params["requestId"])
            state["last"] = time.monotonic()
            if not url.startswith(ALLOWED_SCHEMES) and url not in requested:
                requested.add(url)
                initiator = params.get("initiator", {})
                frame = (initiator.get("stack") or {}).get("callFrames") or [{}]
                line = initiator.get("lineNumber", frame[0].get("lineNumber"))
                where = params.get("type", "request") + (f" from line {line + 1}" if line is not None else "")
                problems.append((f"network request {url[:100]} (blocked)", where))
        elif method == "Network.webSocketCreated":
            problems.append((f"network request {params['url'][:100]} (websocket, blocked)", "websocket"))
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            inflight.discard(params["requestId"])
            state["last"] = time.monotonic()
        elif method == "Page.loadEventFired":
            state["loaded"] = True
        elif method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            text = (d.get("exception") or {}).get("description") or d.get("text", "exception")
            problems.append((f"JavaScript error: {text.splitlines()[0][:160]}",
                             f"line {d.get('lineNumber', 0) + 1}, column {d.get('columnNumber', 0) + 1}"
                             + (f" of {d['url']}" if d.get("url") and not d["url"].startswith("file:") else "")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            problems.append((f"console error: {args[:160]}", "console"))
        elif method == "Log.entryAdded":
            entry = params["entry"]
            if entry.get("level") == "error" and entry.get("source") not in ("network", "console-api"):
                problems.append((f"browser error ({entry.get('source')}): {entry.get('text', '')[:160]}",
                                 entry.get("url", "") or "log"))
        elif method == "Page.javascriptDialogOpening":
            problems.append((f"JavaScript dialog: {params.get('message', '')[:100]}", params.get("type", "dialog")))
            browser.send("Page.handleJavaScriptDialog", {"accept": False}, session, wait=False)
        elif method == "Inspector.targetCrashed":
            problems.append(("the page crashed", "renderer"))
            state["loaded"] = True

    browser.handlers.append(on_event)
    try:
        for method, params in (
                ("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}),
                ("Network.enable", {}), ("Page.enable", {}), ("Runtime.enable", {}),
                ("Log.enable", {}), ("Inspector.enable", {}),
                ("Emulation.setDeviceMetricsOverride",
                 {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}),
                ("Network.setCacheDisabled", {"cacheDisabled": True})):
            browser.call(method, params, session)
        nav = browser.call("Page.navigate", {"url": html.resolve().as_uri()}, session, timeout=LOAD_TIMEOUT)
        if nav.get("errorText"):
            return [(f"page failed to load: {nav['errorText']}", "navigation")]
        if not browser.wait_for(lambda: state["loaded"], LOAD_TIMEOUT):
            return problems + [(f"page did not finish loading within {LOAD_TIMEOUT:.0f}s", "load event")]
        # settle: no request in flight for QUIET seconds (late images, fonts, timers)
        browser.wait_for(lambda: not inflight and time.monotonic() - state["last"] >= QUIET, SETTLE_TIMEOUT)
        browser.call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => true)",
                                          "awaitPromise": True}, session)
        result = browser.call("Runtime.evaluate", {"expression": PAGE_CHECKS, "returnByValue": True},
                              session, timeout=120)
        if "exceptionDetails" in result:
            raise BrowserError("page checks failed: " + json.dumps(result["exceptionDetails"])[:300])
        problems += [(p["what"], p["where"]) for p in result["result"]["value"]
                     if p.get("url") not in requested]
        return problems
    finally:
        browser.handlers.remove(on_event)
        try:
            browser.call("Target.closeTarget", {"targetId": target})
        except BrowserError:
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", nargs="*", type=Path, help="HTML files (default: reports/*.html)")
    args = parser.parse_args(argv)
    files = args.html or sorted(Path("reports").glob("*.html"))
    if not files:
        print("check_reports: no HTML file to check (make report writes reports/*.html)", file=sys.stderr)
        return 2
    binary = find_browser()
    if not binary:
        print("check_reports: no chromium found (apt-get install -y chromium, or set CHROMIUM)", file=sys.stderr)
        return 2
    total = 0
    try:
        with Browser(binary) as browser:
            for html in files:
                if not html.is_file():
                    found = [("page failed to load: no such file", "open")]
                else:
                    try:
                        found = check_page(browser, html)
                    except BrowserError as exc:
                        if browser.proc.poll() is not None:
                            raise
                        found = [(f"page could not be checked: {exc}", "browser")]
                for what, where in found:
                    print(f"{html}: {what}: {where}")
                total += len(found)
    except (BrowserError, OSError) as exc:
        print(f"check_reports: {binary}: {exc}", file=sys.stderr)
        return 2
    print(f"checked {len(files)} report{'s' if len(files) != 1 else ''}: "
          f"{total} problem{'s' if total != 1 else ''}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())

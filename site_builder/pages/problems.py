"""The page `hub serve` shows in place of the site while there are errors to fix.

It lists the problems as the terminal does, and checks every second whether the site is
back (the live-reload server serves this page for every address until it is): then it
reloads, so an author who fixes the file sees the page they were on.
"""

from __future__ import annotations

import html

from ..problems import Problems

MARKER = "data-hub-problems"

_STYLE = """
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
ol { padding-left: 1.5rem; }
li { margin: .4rem 0; }
code { font: .95rem/1.4 ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; }
.error code { color: #b00020; }
.warning code { color: #7a4d00; }
@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #16181d; }
  .error code { color: #ff8a80; } .warning code { color: #ffd180; }
}
"""

# Reload once a fetch of this address no longer returns this page.
_SCRIPT = f"""
setInterval(function () {{
  fetch(location.href, {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})
    .then(function (t) {{ if (t.indexOf("{MARKER}") < 0) location.reload(); }})
    .catch(function () {{}});
}}, 1000);
"""


def problem_page(problems: Problems) -> str:
    """A complete HTML page listing `problems` (every line as `hub check` prints it)."""
    items = []
    for problem in problems.sorted():
        line = html.escape(problem.format())
        severity = html.escape(problem.severity)
        items.append(f'<li class="{severity}"><code>{line}</code></li>')
    count = len(problems.errors)
    heading = f"The hub has {count} {'error' if count == 1 else 'errors'} to fix"
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{heading}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body {MARKER}>\n<main>\n<h1>{heading}</h1>\n"
        "<p>The preview shows the site again by itself once they are fixed."
        " The same lines are in the terminal running <code>hub serve</code>.</p>\n"
        f'<ol aria-label="Problems">\n{chr(10).join(items)}\n</ol>\n'
        f"<p>{html.escape(problems.summary())}</p>\n</main>\n"
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )

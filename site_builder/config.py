"""mkdocs.yml: the engine's settings that the hub's promises depend on.

Without the hub's hook, plain `mkdocs build` would publish every draft and run no check;
without `site_url`, feeds and the sitemap have no absolute addresses; a `nav:` entry to a
document would list it (a draft's address included) in every page's sidebar. Each is an
error naming the line, like YAML errors.

The file is read as a YAML node tree, not as data: MkDocs files carry tags of their own
(`!ENV`, `!!python/name:`) that only MkDocs can construct, and the tree keeps every line.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .feedback import FORM_URL_KEY, form_url_problem
from .links import resolve
from .loader import DOCUMENT_FOLDERS
from .messages import quote
from .problems import Problems
from .safe_markup import MARKDOWN_EXTENSIONS, scan_html
from .source import SourceError, load_yaml, read_text

CONFIG_FILE = "mkdocs.yml"
HUB_HOOK = "hooks/hub.py"
EDIT_BASE_KEY = "hub_edit_base"
# An engine run on the sources without the hub (`zensical build`, or `mkdocs build` with the
# hook removed) must find no document to publish: mkdocs.yml leaves their folders out.
EXCLUDED_DOCUMENTS = tuple(f"/{folder}/" for folder in DOCUMENT_FOLDERS)
_MAX_NAV_DEPTH = 50  # sections nested deeper than this are not a sidebar anyone builds


@dataclass(frozen=True)
class EngineSettings:
    """What the checks need from mkdocs.yml."""

    site_url: str = ""
    markdown_extensions: tuple[str, ...] = MARKDOWN_EXTENSIONS
    feedback_url: str = ""  # extra.hub_feedback_url: the form, with {id} and {title}
    edit_base: str = ""  # extra.hub_edit_base: "edit this page" (internal edition only)


def check_config(root: Path, problems: Problems) -> EngineSettings:
    """Check `root`'s mkdocs.yml, adding every problem to `problems`; its settings (the
    defaults where the file cannot be read)."""
    path = root / CONFIG_FILE
    if not path.is_file():
        problems.error(
            CONFIG_FILE, None, "file not found: the hub is configured in mkdocs.yml at the top"
            " of the project (copy it from the hub's repository)"
        )
        return EngineSettings()
    try:
        text = read_text(path)
    except SourceError as exc:
        problems.error(CONFIG_FILE, exc.line, exc.message)
        return EngineSettings()
    node = _compose(text, problems)
    if node is None:
        return EngineSettings()
    if not isinstance(node, yaml.MappingNode):
        problems.error(CONFIG_FILE, _line(node), "mkdocs.yml must hold settings, 'key: value'")
        return EngineSettings()
    settings = {
        key.value: (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)
    }
    site_url = _check_site_url(settings, problems)
    _check_hook(settings, problems)
    _check_exclude_docs(settings, problems)
    if "site_name" in settings:
        _check_text(settings["site_name"][1], "site_name", problems)
    if "nav" in settings:
        site = urlsplit(site_url) if site_url else None
        _check_nav(settings["nav"][1], site, problems, 0)
    _check_feedback_url(settings, problems)
    return EngineSettings(
        site_url,
        _extensions(settings),
        feedback_url=_extra(settings, FORM_URL_KEY),
        edit_base=_extra(settings, EDIT_BASE_KEY),
    )


def site_url(root: Path) -> str:
    """`site_url` of `root`'s mkdocs.yml, read as `check_config` reads it ("" if unusable)."""
    return check_config(root, Problems()).site_url


def _compose(text: str, problems: Problems) -> yaml.Node | None:
    """The document's node tree; a YAML error (in the hub's own words) and None if it has none."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        try:
            load_yaml(text)
        except SourceError as exc:
            problems.error(CONFIG_FILE, exc.line, exc.message)
        else:  # pragma: no cover - what libyaml reads, the pure-Python composer reads too
            problems.error(CONFIG_FILE, 1, "invalid YAML")
        return None
    if node is None:
        problems.error(CONFIG_FILE, 1, "the file is empty: it must hold the hub's settings")
    return node


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node | None) -> str:
    return node.value.strip() if isinstance(node, yaml.ScalarNode) else ""


def _check_site_url(settings: dict, problems: Problems) -> str:
    if "site_url" not in settings:
        problems.error(
            CONFIG_FILE,
            1,
            "'site_url' is missing: add the site's address, e.g."
            " 'site_url: https://learning.example.org/' (feeds need absolute URLs)",
        )
        return ""
    key, value = settings["site_url"]
    url = _scalar(value)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.error(
            CONFIG_FILE,
            _line(key),
            f"'site_url' must be the site's full address, starting https://, got {quote(url)}",
        )
        return ""
    return url


def _check_feedback_url(settings: dict, problems: Problems) -> None:
    """`extra.hub_feedback_url`: the partnership's form, linked from every briefing."""
    _, extra = settings.get("extra", (None, None))
    if not isinstance(extra, yaml.MappingNode):
        return
    for key, value in extra.value:
        if isinstance(key, yaml.ScalarNode) and key.value == FORM_URL_KEY:
            template = value.value if isinstance(value, yaml.ScalarNode) else []
            problem = form_url_problem(template)
            if problem:
                problems.error(CONFIG_FILE, _line(key), problem)


def _extra(settings: dict, name: str) -> str:
    """The text of `extra.<name>` ("" when absent or not text)."""
    _, extra = settings.get("extra", (None, None))
    if isinstance(extra, yaml.MappingNode):
        for key, value in extra.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return value.value.strip() if isinstance(value, yaml.ScalarNode) else ""
    return ""


def _check_exclude_docs(settings: dict, problems: Problems) -> None:
    key, value = settings.get("exclude_docs", (None, None))
    lines = {line.strip() for line in _scalar(value).splitlines()} if value is not None else set()
    missing = [folder for folder in EXCLUDED_DOCUMENTS if folder not in lines]
    if not missing:
        return
    problems.error(
        CONFIG_FILE,
        _line(key) if key is not None else 1,
        f"exclude_docs must leave out {_and(missing)}, one per line under 'exclude_docs: |'"
        " (an engine run without the hub, such as 'zensical build', would publish every draft)",
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _check_hook(settings: dict, problems: Problems) -> None:
    key, value = settings.get("hooks", (None, None))
    hooks = value.value if isinstance(value, yaml.SequenceNode) else [value]
    if any(_is_hub_hook(_scalar(hook)) for hook in hooks):
        return
    problems.error(
        CONFIG_FILE,
        _line(key) if key is not None else 1,
        f"the hub's hook is missing: add 'hooks: [{HUB_HOOK}]'"
        " (without it, 'mkdocs build' runs no check and publishes every draft)",
    )


def _is_hub_hook(path: str) -> bool:
    return posixpath.normpath(path.replace("\\", "/")) == HUB_HOOK if path else False


def _check_nav(node: yaml.Node, site, problems: Problems, depth: int) -> None:  # noqa: ANN001
    """An error for each nav entry (at any depth) that points at a document."""
    if depth > _MAX_NAV_DEPTH:
        return
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_nav(item, site, problems, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for title, value in node.value:
            _check_text(title, "nav title", problems)
            _check_nav(value, site, problems, depth + 1)
    elif isinstance(node, yaml.ScalarNode) and node.value:
        target = _document(node.value, site)
        if target is not None:
            problems.error(
                CONFIG_FILE,
                _line(node),
                f"the nav entry {quote(node.value)} points at a document ({target}): remove it"
                " (a document is listed on its section page, and only while it is published)",
            )


def _check_text(node: yaml.Node, what: str, problems: Problems) -> None:
    """Themes put `site_name` and nav titles into every page as HTML: no unsafe markup."""
    if isinstance(node, yaml.ScalarNode):
        for finding in scan_html(node.value):
            problems.error(CONFIG_FILE, _line(node), f"{what}: {finding.message}")


def _document(target: str, site) -> str | None:  # noqa: ANN001
    """The docs path of the document `target` names (anything in a document folder but
    the folder's index), else None."""
    host = site.netloc.lower() if site else None
    base = (site.path.rstrip("/") + "/") if site else "/"
    path = resolve(target, "index.md", host, base)
    if path is None:
        return None
    folder = path.split("/", 1)[0]
    if folder in DOCUMENT_FOLDERS and path not in (f"{folder}.md", f"{folder}/index.md"):
        return path
    return None


def _extensions(settings: dict) -> tuple[str, ...]:
    """The names in `markdown_extensions` (a name, or a name with its options)."""
    _, value = settings.get("markdown_extensions", (None, None))
    if not isinstance(value, yaml.SequenceNode):
        return MARKDOWN_EXTENSIONS
    names = []
    for item in value.value:
        if isinstance(item, yaml.MappingNode) and item.value:
            item = item.value[0][0]
        if _scalar(item):
            names.append(_scalar(item))
    return tuple(names)

"""MkDocs with Material: renders a staged build folder in this process (no second load).

A large site is rendered on two cores: after MkDocs has read the files and the nav, the
process forks, and each process converts and renders its share of the pages (both read the
pages of the nav, which every page's sidebar shows). The forked one hands each page it rendered back
to this process, which passes it to the hub's page sink and writes it, as MkDocs would have.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import sys
from pathlib import Path

import material
from mkdocs.plugins import BasePlugin, event_priority

from site_builder.engine import Docs, EngineFailed, PageSink
from site_builder.interrupts import stop_signals_deferred, stop_signals_end_worker
from site_builder.workers import available

THEME = Path(material.__file__).parent / "templates"
SPLIT_FROM = 400  # pages: a smaller site is rendered in one process
# The forked process's part of the pages (but the nav's): this one also hands every page to
# the hub and writes the forked one's (measured at 2,000 briefings: 56% ends both together).
FORKED_SHARE = 0.56
_SKIP = "hub-other-process.html"  # the template of a page the other process renders: empty


class MkDocs:
    """`hub build --engine mkdocs` (the default)."""

    overrides: dict = {}
    shipped = (THEME,)
    raw_links_from_source = False  # raw HTML is left to the browser
    streams_pages = True
    takes_docs = True  # MkDocs reads generated files from memory

    def render(
        self, config: Path, pages: PageSink | None = None, docs: Docs | None = None
    ) -> None:
        """Build `config`'s docs folder, with the files `docs`, into its site folder,
        handing each page to `pages` as it is written; only errors are printed."""
        handler = _Pages(pages, docs)
        try:
            _build(config, handler)
        except BaseException as exc:
            handler.failed(exc)  # in the forked process: reported, and it ends there
            raise
        finally:
            handler.close()


def _build(config: Path, handler: _Pages) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # as `mkdocs build --quiet`
    try:
        settings = load_config(config_file=str(config))
        settings.plugins["hub-pages"] = handler
        settings.plugins.on_startup(command="build", dirty=False)
        try:
            build(settings)
        finally:
            settings.plugins.on_shutdown()
    except MkDocsException as exc:
        raise EngineFailed(f"MkDocs: {exc.format_message()}") from None
    except TemplateError as exc:  # a theme override that does not compile or render
        where = f" in {exc.filename}:{exc.lineno}" if getattr(exc, "filename", None) else ""
        raise EngineFailed(f"MkDocs: template error{where}: {exc.message}") from None
    except (ImportError, ValueError, TypeError, KeyError, AttributeError) as exc:
        # a Markdown extension or theme setting MkDocs did not validate
        raise EngineFailed(f"MkDocs: {type(exc).__name__}: {exc}") from None
    finally:
        logger.setLevel(level)


class _Pages(BasePlugin):
    """Hands each page to the hub before it is written, and shares the pages of a large site
    between this process and a forked one."""

    def __init__(self, pages: PageSink | None, docs: Docs | None = None) -> None:
        super().__init__()
        self._pages = pages
        self._docs = docs
        # By source: the pages the other process renders (not read here), and those it writes
        # (the nav's pages are read by both: every sidebar shows their titles).
        self._unread: set[str] = set()
        self._unwritten: set[str] = set()
        self._child: int | None = None  # in this process: the forked one's pid
        self._channel = None  # the forked one's pages, to this process
        self._forked = False  # whether this is the forked process
        self._outcome: tuple[str, ...] | None = None  # ("done",) or ("failed", why), once known
        self._nav = None  # the site's navigation, once MkDocs has made it

    @event_priority(100)  # first: other plugins see the docs
    def on_files(self, files, config):  # noqa: ANN001, ANN201
        """Add the docs files given in memory, as MkDocs would have read them from the
        docs folder (they come before the theme's files of the same path)."""
        if not self._docs:
            return files
        from mkdocs.structure.files import File, Files, file_sort_key

        made = [
            File.generated(config, uri, abs_src_path=str(content))
            if isinstance(content, Path)
            else File.generated(config, uri, content=content)
            for uri, content in self._docs.items()
        ]
        theirs = [file for file in files if file.src_uri not in self._docs]  # the theme's
        return Files([*sorted(made, key=file_sort_key), *theirs])

    @event_priority(-100)  # last: the nav is final
    def on_nav(self, nav, config, files):  # noqa: ANN001, ANN201
        self._nav = nav
        documents = files.documentation_pages()
        # Another plugin would see only some pages in each process (a search index, tags).
        others = [name for name in config.plugins if config.plugins[name] is not self]
        if len(documents) < SPLIT_FROM or available(2) < 2 or others:
            return nav
        shown = {page.file.src_uri for page in nav.pages}
        shared = [file.src_uri for file in documents if file.src_uri not in shown]
        # spread evenly: of each 100 pages, the forked process renders `FORKED_SHARE` * 100
        theirs = {
            uri
            for i, uri in enumerate(shared)
            if int((i + 1) * FORKED_SHARE) > int(i * FORKED_SHARE)
        }
        mine = set(shared) - theirs
        from multiprocessing import Pipe

        parent = os.getpid()
        reader, writer = Pipe(duplex=False)
        with stop_signals_deferred():  # a stop during the fork is raised here, after it
            pid = os.fork()
            if pid:
                self._child = pid  # known to `close` before any stop is raised
            else:
                self._forked = True
        if self._forked:
            stop_signals_end_worker()  # the build cleans up; the worker ends with it
            if os.getppid() != parent:  # it ended already
                os._exit(1)
            reader.close()
            self._channel = writer
            self._unread, self._unwritten = mine, mine | shown
            config.theme.static_templates.clear()  # 404 and sitemap: this process's
            config.extra_templates = []
            files.copy_static_files = _nothing  # the theme's files too
        else:
            writer.close()
            self._channel = reader
            self._unread = self._unwritten = theirs
        return nav

    @event_priority(100)  # first: no plugin reads a page this process does not render
    def on_page_markdown(self, markdown: str, page, config, files) -> str:  # noqa: ANN001
        page.render = functools.partial(_render, page)
        if page.file.src_uri in self._unwritten:
            page.meta["template"] = _SKIP
        return "" if page.file.src_uri in self._unread else markdown

    def on_page_content(self, html: str, page, config, files) -> str:  # noqa: ANN001
        if page.file.src_uri in self._unread:
            page.present_anchor_ids = None  # unknown here: MkDocs does not check links to it
        return html

    def on_env(self, env, config, files):  # noqa: ANN001, ANN201
        from jinja2 import ChoiceLoader, DictLoader

        templates = {_SKIP: ""} if self._channel is not None else {}
        if NAV_ONCE and _NavOnce.applies(env):
            templates[_NavOnce.TEMPLATE] = _NavOnce(env, self._nav).install(env)
        if templates:
            env.loader = ChoiceLoader([DictLoader(templates), env.loader])
        return env

    def on_post_page(self, output: str, page, config) -> str:  # noqa: ANN001
        if page.file.src_uri in self._unwritten:
            return ""  # MkDocs writes no file for an empty page
        if self._forked:
            self._channel.send(("page", page.file.dest_uri, page.file.abs_dest_path, output))
            return ""
        if self._child is not None:
            self._receive(block=False)
        return self._handed(page.file.dest_uri, output)

    @event_priority(100)  # first: other plugins see the whole site
    def on_post_build(self, config) -> None:  # noqa: ANN001
        if self._forked:
            self._channel.send(("done",))
            sys.stderr.flush()
            os._exit(0)
        if self._child is not None:
            self._receive(block=True)

    def failed(self, exc: BaseException) -> None:
        """In the forked process: report `exc` to this one, and end."""
        if not self._forked:
            return
        try:
            failure = f"MkDocs: {type(exc).__name__}: {exc}"
            message = str(exc) if isinstance(exc, EngineFailed) else failure
            self._channel.send(("failed", message))
        finally:
            os._exit(1)

    def close(self) -> None:
        """End the forked process, if it is still running (this build failed or stopped)."""
        if self._child is None:
            return
        child, self._child = self._child, None
        with contextlib.suppress(ProcessLookupError):  # it has ended, not yet been waited for
            os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        if self._channel is not None:
            self._channel.close()

    def _handed(self, rel: str, output: str) -> str:
        return output if self._pages is None else self._pages(rel, output) or output

    def _receive(self, block: bool) -> None:
        """Write the pages the forked process has rendered; with `block`, until it is done.
        If it failed, the build fails with its reason once this process has rendered its own
        pages (raised now, MkDocs would report it as one of this process's pages)."""
        from mkdocs.utils import write_file

        while self._outcome is None and (block or self._channel.poll()):
            try:
                message = self._channel.recv()
            except EOFError:
                message = ("failed", "MkDocs: the second process rendering pages stopped")
            if message[0] != "page":
                self._outcome = message
                break
            _, rel, path, output = message
            output = self._handed(rel, output)
            if output.strip():
                write_file(output.encode("utf-8", errors="xmlcharrefreplace"), path)
        if block and self._outcome[0] == "failed":  # MkDocs passes it on as it is
            raise EngineFailed(self._outcome[1])


def _nothing(*args: object, **kwargs: object) -> None:
    return None


NAV_ONCE = True  # whether Material's navigation is rendered once for the pages that show it alike


class _NavOnce:
    """Material's navigation (partials/nav.html), rendered once for all the pages it shows
    alike: pages outside the nav, in folders of one parent (briefings/a/, briefings/b/, ...).
    For such a page no item is active, none is the page, and every link, made relative to
    the page, is the same (no item lies at or under the page's folder). Rendering it took
    about a tenth of a large site's render (0.6 of 8 CPU-s at 2,000 briefings). Only
    Material's own partials are known to depend on the page in no other way: with an
    override of any of them, each page renders its own."""

    NAME = "hub_navigation"
    TEMPLATE = "partials/nav.html"
    _PARTIALS = (TEMPLATE, "partials/nav-item.html", "partials/logo.html", "partials/source.html")

    def __init__(self, env, nav) -> None:  # noqa: ANN001
        self._template = env.get_template(self.TEMPLATE)  # Material's, before the loader wraps it
        urls = (getattr(item, "url", None) for item in (_items(nav) if nav is not None else ()))
        self._targets = [url for url in urls if isinstance(url, str)]
        self._rendered: dict[str, object] = {}

    @classmethod
    def applies(cls, env) -> bool:  # noqa: ANN001
        """Whether the templates of the navigation are Material's own."""
        from jinja2 import TemplateNotFound

        try:
            files = [Path(env.get_template(name).filename or "") for name in cls._PARTIALS]
        except TemplateNotFound:  # MkDocs reports it where it is used
            return False
        return all(file.is_relative_to(THEME) for file in files)

    def install(self, env) -> str:  # noqa: ANN001
        """Make the navigation a function of the templates; the template that calls it."""
        from jinja2 import pass_context

        env.globals[self.NAME] = pass_context(lambda context: self.navigation(context))
        return f"{{{{ {self.NAME}() }}}}"

    def navigation(self, context):  # noqa: ANN001, ANN201
        """The navigation `context`'s page shows: rendered, or as rendered for another."""
        from markupsafe import Markup

        page = context.get("page")
        folder = self._shared_by(page)
        if folder is None:
            return Markup(self._render(context))
        if folder not in self._rendered:
            self._rendered[folder] = Markup(self._render(context))
        return self._rendered[folder]

    def _shared_by(self, page) -> str | None:  # noqa: ANN001
        """The parent folder whose pages show the same navigation as `page`, or None: for a
        page in the nav (an item at its own folder), or one with an item under its folder."""
        url = getattr(page, "url", None)
        if not url or not url.endswith("/"):
            return None
        if any(target.startswith(url) for target in self._targets):
            return None
        return url.rstrip("/").rpartition("/")[0]

    def _render(self, context) -> str:  # noqa: ANN001
        template = self._template
        return "".join(template.root_render_func(template.new_context(context.get_all(), True)))


def _items(nav):  # noqa: ANN001, ANN202
    """Every item of `nav`, sections' children included."""
    stack = list(nav.items)
    while stack:
        item = stack.pop()
        yield item
        stack.extend(getattr(item, "children", None) or [])


def _render(page, config, files) -> None:  # noqa: ANN001
    """MkDocs's `Page.render` with one Markdown converter for every page, reset between them
    (as Python-Markdown documents): building it for each page took a tenth of the render."""
    from mkdocs.structure import pages

    md = _converter(config["markdown_extensions"], config["mdx_configs"])
    md.reset()
    raw_html = pages._RawHTMLPreprocessor()
    anchors = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    relative = pages._RelativePathTreeprocessor(page.file, files, config)
    title = pages._ExtractTitleTreeprocessor()
    for processor in (raw_html, anchors, relative, title):
        processor._register(md)  # by name: each replaces the last page's
    page.content = md.convert(page.markdown)
    page.toc = pages.get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors


_CONVERTER: list = [None, None, None]  # the settings it was made of, and the converter


def _converter(extensions: list, configs: dict | None):  # noqa: ANN202
    """The Markdown converter of `extensions` configured by `configs`, made once for a
    build (held with them: the next build's settings are other objects)."""
    import markdown

    if _CONVERTER[0] is not extensions or _CONVERTER[1] is not configs:
        converter = markdown.Markdown(extensions=extensions, extension_configs=configs or {})
        _CONVERTER[:] = [extensions, configs, converter]
    return _CONVERTER[2]

"""The engine adapters `hub build --engine NAME` finds by entry point (see site_builder.engine).

Each translates a build folder staged by `site_builder.pipeline.Prepared.stage` for one engine
and does nothing else; `hooks/hub.py` is the MkDocs adapter for `mkdocs build` and `serve`.
"""

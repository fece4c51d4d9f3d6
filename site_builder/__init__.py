"""The Safeguarding Learning Hub: load, validate, compute and generate a learning site.

The package knows nothing of any static-site engine. Adapters (hooks/ for MkDocs)
call `pipeline.prepare()` and hand the generated files to their build.
"""

__version__ = "0.1.0"

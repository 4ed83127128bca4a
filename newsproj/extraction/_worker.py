"""Imported once by the extraction pool's forkserver (``set_forkserver_preload``): every import and model
load an extraction worker needs is paid here, once, and each worker forked from the server starts with them
(pages shared copy-on-write) instead of importing trafilatura, lxml, extruct, htmldate and the language model
itself (~1.5 s of CPU a worker, before its first page)."""

from __future__ import annotations

import gc

from .. import sites
from . import page  # noqa: F401 - process_page and everything it imports
from .language import detect_language

detect_language("warm up " * 40)  # loads the py3langid model
sites.for_url("https://example.com/")  # builds the site registry's host index

# Everything alive now (modules, models, the registry) leaves the garbage collector's sight, here, before the
# workers fork: their collections neither walk it (CPU) nor touch its objects (copy-on-write pages stay shared).
gc.collect()
gc.freeze()

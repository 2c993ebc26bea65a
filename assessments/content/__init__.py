"""Read, validate, load and export framework content files (see docs/content-format.md).

`read_content` checks the whole file and returns plain data or raises `ContentError` listing
every problem with its line (`reading.py`); `load_content` writes that data in one transaction
and `export_content` gives it back in the file format (`loading.py`). Nothing is written unless
the whole file is valid.
"""

from .loading import LoadResult, export_content, load_content
from .reading import LINE, ContentError, Problem, read_content, translation_files

__all__ = [
    "LINE",
    "ContentError",
    "LoadResult",
    "Problem",
    "export_content",
    "load_content",
    "read_content",
    "translation_files",
]

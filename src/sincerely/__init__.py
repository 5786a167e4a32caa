"""sincerely: a static site generator for galleries of annotated letter templates."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sincerely")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]

"""sincerely: a static site generator for galleries of annotated letter templates.

Its packages, one per stage of the pipeline, and the rule between them: README.md's map
of the code, written by tests/tools/architecture.py.
"""

from pathlib import Path

# A constant, not importlib.metadata: looking the version up costs 40 ms at every start.
# The package's metadata takes it from here (pyproject.toml: [tool.hatch.version]).
__version__ = "0.3.0"

# The installed package's folder: its data (starter/, stemmers/, the theme) and its code.
PACKAGE_DIR = Path(__file__).resolve().parent

__all__ = ["PACKAGE_DIR", "__version__"]

"""sincerely: a static site generator for galleries of annotated letter templates."""

# A constant, not importlib.metadata: looking the version up costs 40 ms at every start.
# tests/test_cli.py checks that it matches pyproject.toml.
__version__ = "0.1.0"

__all__ = ["__version__"]

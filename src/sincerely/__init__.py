"""sincerely: a static site generator for galleries of annotated letter templates."""

# A constant, not importlib.metadata: looking the version up costs 40 ms at every start.
# The package's metadata takes it from here (pyproject.toml: [tool.hatch.version]).
__version__ = "0.3.0"

__all__ = ["__version__"]

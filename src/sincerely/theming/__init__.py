"""The theme: layouts folders over the bundled one, the owner's look and hooks, and
minifying."""

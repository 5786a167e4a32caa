"""Minifying the theme's stylesheets and scripts as they are written into the site.

The theme's CSS and JavaScript are kept readable, with comments that say why; a reader
downloads them without the comments and white space, which is most of a page's weight
budget. rjsmin and rcssmin do it with real tokenisers (strings, template literals,
regular expressions and comments are told apart), so the result does exactly what the
source does; tests/theming/test_minify.py runs both on scripts built to trip a simpler approach.
"""

from __future__ import annotations

import rcssmin
import rjsmin


def compact(site_path: str, data: bytes) -> bytes:
    """The asset as it is published: minified if it is CSS or JavaScript."""
    if site_path.endswith(".css"):
        minified: str = rcssmin.cssmin(data.decode("utf-8"))
    elif site_path.endswith(".js"):
        minified = rjsmin.jsmin(data.decode("utf-8"))
    else:
        return data
    return minified.encode("utf-8")

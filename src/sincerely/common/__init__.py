"""Common ground: what every other package stands on.

Errors that carry a location, the site's addresses (urls), reading and writing the
project's own files safely (intake, workfiles, signed), Markdown for contributed prose,
the interface's translations (i18n), spelling varieties, words as search and the coach
know them (words), forges, and how problems are printed (report). Nothing here knows
of scenarios, layouts or builds.
"""

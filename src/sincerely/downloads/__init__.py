"""What a reader takes away: each letter as text, Markdown and Word, and the zips.

formats.py is the table of download formats; docx.py writes WordprocessingML; zips.py
is the zip byte format; archives.py puts a pack's or the gallery's letters in one.
Pure functions of the model; never imports load/ or render/.
"""

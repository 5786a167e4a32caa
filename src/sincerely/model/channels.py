"""The channels a letter is sent by.

A module of its own, so that the command line can offer them (``new --channel``)
without importing the format, which scenario.py declares with them.
"""

CHANNELS = ("email", "letter", "note", "message")

"""The command line: arguments parsed (main.py), each command run (commands.py), and
what ``new`` and ``init`` make (scaffold.py, pinning.py).
"""

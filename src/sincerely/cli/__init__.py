"""The command line: arguments parsed (main.py), each command run (commands.py), what
``new`` and ``init`` make (scaffold.py, pinning.py, and starters.py for the gallery in
the owner's language), and what ``upgrade`` and ``theme diff`` compare (upgrade.py).
"""

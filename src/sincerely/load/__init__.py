"""Phase one: content files read, checked and made into the model, every error collected.

loader.py walks the project; contentfiles.py reads one file, and loaded.py is what it
gave; translations.py links a letter to its translations; coach.py holds the letter coach's
rules to the letters they apply to; preload.py keeps what loading found between builds.
Never imports render/ or downloads/ (siblings, not layers).
"""

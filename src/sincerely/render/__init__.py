"""Phase two: the model made into pages, with pure functions and one Jinja Environment.

renderer.py holds the Environment; kinds.py the table of page kinds, with what each is
made from; pages.py each page, kind by kind; navigation.py how letters lead to one
another; searchindex.py (with the table of search fields and weights) the search
index, and stemming.py the stemmers it and the letter coach load; coach.py what the
letter coach is given; seams.py each language's seams; memo.py what rendering made, keyed
by what it read; layouts.py the layouts' reference. Never imports load/ or downloads/.
"""

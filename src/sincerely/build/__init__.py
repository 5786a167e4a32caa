"""Phase three and the whole: every output listed, rendered (on several cores), written.

builders.py holds the builders (the site, its text forms, the check); outputs.py is the
site as a list of outputs, each with what it is made from; digests.py says what each
was made from; record.py, reuse.py and letterstore.py are what a build keeps for the
next; parallel.py renders on several cores; writer.py swaps the new site in whole.
"""

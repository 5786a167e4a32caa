"""The content format's machinery: located YAML nodes, value types, records and rules.

A format is declared once, as spec objects (values.py, rules.py, records.py); the same
objects check a file, describe themselves as JSON Schema and in the reference, and
build the model. placeholders.py reads letter text with {blanks}; coach.py has the
letter coach's rules' own types and checks. Nothing here knows
what a scenario is: model/ declares that with these parts.
"""

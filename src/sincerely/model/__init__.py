"""The model: the immutable objects loading makes and everything after reads.

A scenario and its parts (scenario.py, fields.py, and coach.py for the letter coach's
rules), the site of packs and pages (site.py), the
settings (config.py), where a project is (project.py), and the format published as
JSON Schema and Markdown (schema.py). Each declares its format with format/'s parts.
"""

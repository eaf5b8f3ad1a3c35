"""Generate: a grounded editor-guest interview from an ``Analysis`` -> ``Interview``."""

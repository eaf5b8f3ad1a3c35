"""Analyse: ``Document`` -> ``Analysis`` (sentences, actors, quotes, dates).

Public functions: ``analyse``, ``analyse_many``. spaCy loads lazily, once, and no spaCy object
leaves this package.
"""

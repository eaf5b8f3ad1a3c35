"""Ingest: bytes (plain text, HTML, JSONL batches) -> ``Document``.

Public functions: ``read_bytes``, ``read_path``, ``read_jsonl``. Bad input raises ``InputError``
with a one-line message; in a JSONL batch, a bad line is yielded as an error for that line.
"""

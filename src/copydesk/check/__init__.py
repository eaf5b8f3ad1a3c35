"""Check: audit a derived text against its source, one claim at a time -> ``Audit``."""

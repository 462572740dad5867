"""Per-format writers of annotated and cleaned copies (see scanner/files/output.py)."""

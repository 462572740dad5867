"""The public API is exactly what scanner.__all__ lists; changing it is a deliberate act."""
import scanner

PUBLIC = {
    "Scanner", "ScannerConfig", "ScanResult", "Finding", "TYPES", "CATEGORY_OF", "SEVERITIES",
    "verdict_of", "redact", "load_lexicons", "bundled_lexicon_dir", "read_text", "decode_bytes",
    "ScannerError", "ConfigError", "LexiconError", "InputError", "ScanTimeout", "__version__",
}


def test_all_is_pinned():
    assert set(scanner.__all__) == PUBLIC
    for name in scanner.__all__:
        assert hasattr(scanner, name), name


def test_library_does_not_import_web_or_cli():
    import subprocess
    import sys

    code = ("import sys, scanner; s = scanner.Scanner(); s.scan('台湾总统'); "
            "bad = [m for m in ('fastapi', 'uvicorn', 'starlette', 'httpx', 'rich', 'argparse', 'scanner.cli') "
            "if m in sys.modules]; print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_exceptions_hierarchy():
    assert issubclass(scanner.ConfigError, scanner.ScannerError)
    assert issubclass(scanner.LexiconError, scanner.ScannerError)
    assert issubclass(scanner.InputError, scanner.ScannerError)

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


def test_building_a_scanner_loads_neither_numpy_nor_the_name_models():
    """Start-up (issue 14): a Scanner is built without NumPy, the person-name CRF or LAC; a plain
    post scans without them, and the first scan that asks the CRF loads it (the stand-in then
    answers like the tagger)."""
    import subprocess
    import sys

    code = """if True:
        import sys, scanner
        s = scanner.Scanner()
        heavy = ('numpy', 'onnxruntime', 'scanner.name_tagger')
        print(','.join(m for m in heavy if m in sys.modules))
        s.scan('市政府召开常务会议，研究部署安全生产工作。')
        print(','.join(m for m in heavy if m in sys.modules))
        from scanner.detectors.pii import PersonalDataDetector
        from scanner.name_tagger import load_tagger
        det = next(d for d in s._detectors if isinstance(d, PersonalDataDetector))._names
        assert det.tagger.lexicon is load_tagger().lexicon and det.tagger.meta is load_tagger().meta
        print('numpy' in sys.modules)
        """
    # (the first run may build the compiled cache, which needs NumPy; the second reads it)
    subprocess.run([sys.executable, "-c", "import scanner; scanner.Scanner()"], check=True)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:3] == ["", "", "True"]

"""Guards the public API and the layering of the stages."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import copydesk

SRC = pathlib.Path(copydesk.__file__).parent
STAGES = ("ingest", "analyse", "generate", "check", "report")


def test_exported_names():
    assert sorted(copydesk.__all__) == sorted(
        [
            "__version__",
            "analyse",
            "check",
            "interview",
            "Document",
            "Analysis",
            "Audit",
            "Interview",
            "Span",
            "CopydeskError",
            "InputError",
            "AnalysisError",
            "CheckError",
            "GenerationError",
            "ConfigError",
        ]
    )
    for name in copydesk.__all__:
        assert hasattr(copydesk, name)


def test_error_tree():
    for name in ("InputError", "AnalysisError", "CheckError", "GenerationError", "ConfigError"):
        assert issubclass(getattr(copydesk, name), copydesk.CopydeskError)


def _imports(path: pathlib.Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_stages_do_not_import_each_other():
    for stage in STAGES:
        for path in (SRC / stage).rglob("*.py"):
            for module in _imports(path):
                parts = module.split(".")
                if parts[0] == "copydesk" and len(parts) > 1 and parts[1] in STAGES:
                    assert parts[1] == stage, f"{path.relative_to(SRC)} imports {module}"


def test_model_imports_only_the_standard_library():
    for module in _imports(SRC / "model" / "__init__.py"):
        assert module.split(".")[0] in sys.stdlib_module_names or module == "__future__", module


def test_import_is_light():
    heavy = "('spacy', 'torch', 'onnxruntime', 'trafilatura')"
    code = f"import sys, copydesk; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_api_functions_survive_their_first_call():
    # copydesk.analyse and copydesk.check are also subpackage names: the first call imports
    # the subpackage, which must not replace the function on the package (a fresh process,
    # as the first import is what counts).
    code = (
        "import copydesk\n"
        "for _ in range(2):\n"
        "    copydesk.analyse('Mayor Ann Lee said the bridge will close.')\n"
        "    copydesk.check('Mayor Ann Lee said the bridge will close.', 'The bridge will close.')\n"
        "print(callable(copydesk.analyse), callable(copydesk.check))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]

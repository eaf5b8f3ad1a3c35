"""The service calls only the pipeline (and renders with report/): no stage's internals."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import copydesk

SERVE = pathlib.Path(copydesk.__file__).parent / "serve"
ALLOWED = {"pipeline", "serve", "report", "model", "config", "errors"}


def test_serve_imports_only_the_pipeline_and_shared_modules():
    for path in SERVE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "copydesk" and len(parts) > 1:
                    assert parts[1] in ALLOWED, f"{path.relative_to(SERVE)} imports {name}"
                if name == "copydesk":  # "from copydesk import X": X must be allowed too
                    assert all(a.name in ALLOWED | {"__version__"} for a in node.names), path


def test_importing_serve_loads_no_web_framework():
    heavy = "('fastapi', 'uvicorn', 'sqlalchemy')"
    code = f"import sys, copydesk.serve; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

"""The batch library's public names, and that importing it stays light."""

from __future__ import annotations

import subprocess
import sys

from copydesk import batch


def test_exported_names() -> None:
    assert sorted(batch.__all__) == sorted(
        [
            "run",
            "run_to_file",
            "Input",
            "Item",
            "Result",
            "Stats",
            "Options",
            "Job",
            "Task",
            "TaskFactory",
            "KINDS",
            "Kind",
            "ENGINES",
            "IN_FLIGHT",
        ]
    )
    for name in batch.__all__:
        assert hasattr(batch, name)


def test_import_is_light() -> None:
    heavy = "('spacy', 'torch', 'onnxruntime', 'trafilatura', 'ray', 'tqdm')"
    code = f"import sys, copydesk.batch, copydesk.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_batch_package_calls_only_the_pipeline() -> None:
    import ast
    import pathlib

    stages = {"ingest", "analyse", "generate", "check", "report"}
    for path in pathlib.Path(batch.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                assert not (parts[0] == "copydesk" and len(parts) > 1 and parts[1] in stages), (
                    path,
                    node.module,
                )

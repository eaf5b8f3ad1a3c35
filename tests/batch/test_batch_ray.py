"""The Ray engine, on a Ray head this test starts on 127.0.0.1 and stops afterwards: the same rows
as the single-process command, per-item errors, a dead actor costing one error row, and resume
(after a torn last line); and on a Ray instance the batch starts itself.

Everything Ray runs inside a network namespace that has only loopback (``unshare -n``), and a
PID namespace of its own, so that when the script ends every Ray process it started ends too.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from copydesk.cli import main

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "articles.jsonl"

pytestmark = pytest.mark.slow


def _namespaces_work() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    probe = subprocess.run(["unshare", "-n", "-p", "-f", "--mount-proc", "true"], capture_output=True)
    return probe.returncode == 0


needs_ray = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="Ray is not installed (copydesk[ray])"
)
needs_netns = pytest.mark.skipif(
    sys.platform != "linux" or not _namespaces_work(),
    reason="needs unshare (root) for a loopback-only namespace",
)


def rows(path: Path) -> dict[str, dict[str, object]]:
    found = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len({r["id"] for r in found}) == len(found), "an id came twice"
    return {r["id"]: r for r in found}


@needs_ray
@needs_netns
def test_ray_engine_on_a_loopback_head(capsys: pytest.CaptureFixture[str]) -> None:
    work = Path(tempfile.mkdtemp(prefix="cdray", dir="/tmp"))  # short: Ray's socket paths must be
    try:
        expected_file = work / "expected.jsonl"
        assert main(["analyse", str(ARTICLES), "-o", str(expected_file)]) == 2
        capsys.readouterr()

        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path]),
            "RAY_USAGE_STATS_ENABLED": "0",
            "RAY_AUTH_MODE": "disabled",
        }
        script = f"ip link set lo up && exec {sys.executable} {HERE / 'batch_ray_script.py'} {work}"
        done = subprocess.run(
            ["unshare", "-n", "-p", "-f", "--mount-proc", "sh", "-c", script],
            env=env,
            timeout=900,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        found = json.loads((work / "found.json").read_text())

        # The real pipeline on two actors: the rows of the single-process command.
        assert found["cluster_code"] == 2  # the blank article is an error row
        assert rows(work / "cluster.jsonl") == rows(expected_file)
        summary = json.loads((work / "cluster.err").read_text().splitlines()[-1])
        assert summary["event"] == "summary" and len(summary["workers"]) == 2

        # A bad item and a dead actor: one error row each, and the batch goes on.
        for key in ("own", "fake"):
            got = {r["id"]: r for r in found[key]["rows"]}
            assert sorted(got) == sorted(f"i{n}" for n in range(30)), key
            assert len(found[key]["rows"]) == 30, key
            assert {i for i, r in got.items() if "error" in r} == {"i3", "i7"}, key
            assert "bad on purpose" in got["i3"]["error"] and "Ray actor died" in got["i7"]["error"], key
            assert 1 <= found[key]["restarts"] <= 2, key

        # Resume: the torn line cut, the ids already there skipped, every id once.
        assert found["resume_skipped"] == 2
        assert sorted(rows(work / "resume.jsonl")) == sorted(f"i{n}" for n in range(30))
    finally:
        shutil.rmtree(work, ignore_errors=True)

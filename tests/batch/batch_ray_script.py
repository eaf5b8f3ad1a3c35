"""The Ray half of ``test_batch_ray.py``, run inside a network namespace with only loopback.

``python batch_ray_script.py WORKDIR``: runs the batches the test then checks, against a Ray
instance the batch starts itself and against a head started with ``ray start`` on 127.0.0.1.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from batch_fakes import EchoFactory

from copydesk import batch

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "articles.jsonl"
PORT = "6391"


def cli(*args: str, stderr: Path | None = None) -> int:
    command = [sys.executable, "-m", "copydesk.cli", "batch", *args]
    with open(stderr or "/dev/null", "w") as err:
        return subprocess.run(command, stderr=err, timeout=600).returncode


def main(work: Path) -> None:
    codes = {}
    # A Ray instance of the batch's own (no address), then a head on loopback and its address.
    codes["own"] = cli(
        "analyse", str(ARTICLES), "-o", str(work / "own.jsonl"), "--engine", "ray", "--workers", "1"
    )
    ray = Path(sys.executable).parent / "ray"
    subprocess.run(
        [
            str(ray),
            "start",
            "--head",
            f"--port={PORT}",
            "--num-cpus=2",
            "--include-dashboard=false",
            "--disable-usage-stats",
            f"--temp-dir={work / 'ray'}",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )
    address = f"127.0.0.1:{PORT}"
    codes["cluster"] = cli(
        "analyse",
        str(ARTICLES),
        "-o",
        str(work / "cluster.jsonl"),
        "--engine",
        "ray",
        "--ray-address",
        address,
        "--workers",
        "2",
        "--progress-json",
        stderr=work / "cluster.err",
    )
    codes["resume"] = cli(
        "analyse",
        str(ARTICLES),
        "-o",
        str(work / "resume.jsonl"),
        "--engine",
        "ray",
        "--ray-address",
        address,
        "--workers",
        "2",
        "--resume",
    )
    items = [{"id": f"i{n}", "n": n} for n in range(30)]
    task = EchoFactory(fail="i3", kill="i7")
    stats = batch.Stats()
    results = batch.run(
        "analyse", items, engine="ray", ray_address=address, workers=2, task=task, stats=stats
    )
    rows = [r.row for r in results]
    (work / "fake.json").write_text(json.dumps({"rows": rows, "restarts": stats.restarts}))
    (work / "codes.json").write_text(json.dumps(codes))


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""The Ray half of ``test_batch_ray.py``, run inside a network namespace with only loopback.

``python batch_ray_script.py WORKDIR``: runs the batches the test then checks. The fast
stand-in task (``batch_fakes.EchoFactory``) serves where the property is the engine's own (a
Ray instance the batch starts itself, per-item errors, a dead actor, resume); the real pipeline
runs once, through the command, on a head started with ``ray start`` on 127.0.0.1.
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
ITEMS = [{"id": f"i{n}", "n": n} for n in range(30)]


def fake_rows(**options: object) -> dict[str, object]:
    stats = batch.Stats()
    task = EchoFactory(fail="i3", kill="i7")
    results = batch.run("analyse", ITEMS, engine="ray", task=task, stats=stats, **options)  # type: ignore[arg-type]
    return {"rows": [r.row for r in results], "restarts": stats.restarts}


def main(work: Path) -> None:
    found: dict[str, object] = {}
    # A Ray instance of the batch's own (no address): started for the batch, stopped after it.
    found["own"] = fake_rows(workers=1)
    ray = Path(sys.executable).parent / "ray"
    subprocess.run(
        [str(ray), "start", "--head", f"--port={PORT}", "--num-cpus=2", "--include-dashboard=false",
         "--disable-usage-stats", f"--temp-dir={work / 'ray'}"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    address = f"127.0.0.1:{PORT}"
    command = [sys.executable, "-m", "copydesk.cli", "batch", "analyse", str(ARTICLES)]
    command += ["-o", str(work / "cluster.jsonl"), "--engine", "ray", "--ray-address", address]
    with open(work / "cluster.err", "w") as err:
        found["cluster_code"] = subprocess.run(
            [*command, "--workers", "2", "--progress-json"], stderr=err, timeout=600
        ).returncode
    found["fake"] = fake_rows(workers=2, ray_address=address)
    # Resume an output that holds some rows and a torn last line.
    resume = work / "resume.jsonl"
    resume.write_text('{"id": "i0", "n": 0}\n{"id": "i5", "n": 5}\n{"id": "i9", "n"', encoding="utf-8")
    source = work / "items.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in ITEMS), encoding="utf-8")
    stats = batch.run_to_file(
        "analyse", str(source), str(resume), resume=True, engine="ray", ray_address=address, workers=2,
        task=EchoFactory(),
    )  # fmt: skip
    found["resume_skipped"] = stats.skipped
    (work / "found.json").write_text(json.dumps(found))


if __name__ == "__main__":
    main(Path(sys.argv[1]))

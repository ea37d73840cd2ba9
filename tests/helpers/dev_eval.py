"""The dev-set evaluations behind the floor tests, run in a second process beside the suite.

`kg eval` over the PolNeAR and Webis dev sets takes over a minute of one core, most of it in kg's
rules, which run in one process. The machine has two cores and pytest uses one, so the session
starts the evaluations in the background as soon as it knows a floor test is selected
(tests/conftest.py), moves those tests to the end, and they read the reports when they get there.
The evaluation is the same `evaluate_polnear` / `evaluate_webis` call as before; only the process
differs. Run by hand:

    .venv/bin/python -m tests.helpers.dev_eval OUT_DIR webis polnear
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from tests.helpers.paths import ROOT, SHARED

#: the evaluations, and the gold each reads
GOLD = {
    "webis": SHARED / "webis-editorials-dev",
    "polnear": SHARED / "polnear-dev" / "data" / "dev",
}
#: the fixture through which a test asks for each report
FIXTURES = {"webis": "webis_dev_report", "polnear": "polnear_dev_report"}


def evaluate(name: str) -> dict[str, Any]:
    """The report of one evaluation, as JSON data (`as_dict()`)."""
    from kg.settings import Settings

    if name == "webis":
        from kg.evaluate.webis import evaluate_webis

        # every editorial, and each of the two outlets apart (the cross-outlet figures)
        report = evaluate_webis(
            GOLD[name], Settings(), train_outlet="aljazeera", test_outlet="foxnews"
        )
        return report.as_dict()
    from kg.evaluate.polnear import evaluate_polnear

    return evaluate_polnear(GOLD[name], Settings()).as_dict()


def main(argv: list[str]) -> None:
    out, names = Path(argv[0]), argv[1:]
    for name in names:
        part = out / f"{name}.json.part"
        part.write_text(json.dumps(evaluate(name)), encoding="utf-8")
        part.replace(out / f"{name}.json")


class Background:
    """The evaluations running in one child process, writing one JSON report each into a folder."""

    def __init__(self, names: list[str], folder: Path) -> None:
        self.names = names
        self.folder = folder
        self.log_path = folder / "dev_eval.log"
        self._log: IO[bytes] = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop)
        env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.dev_eval", str(folder), *names],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def report(self, name: str) -> dict[str, Any]:
        """Wait for one report (an evaluation takes about a minute on an idle machine)."""
        if name not in self.names:
            raise KeyError(f"{name} was not started")
        path = self.folder / f"{name}.json"
        while not path.exists():
            if self.proc.poll() is not None and not path.exists():
                raise RuntimeError(
                    f"the {name} evaluation ended without a report (exit {self.proc.returncode}):\n"
                    + self.log_path.read_text(errors="replace")[-3000:]
                )
            time.sleep(0.2)
        return dict(json.loads(path.read_text(encoding="utf-8")))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self._log.close()


if __name__ == "__main__":
    main(sys.argv[1:])

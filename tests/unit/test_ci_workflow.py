"""The GitHub Actions workflow runs the README's `make test` with the three services the tests expect on
the runner's loopback, and the toolchain the project declares."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _job() -> dict:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    return workflow["jobs"]["test"]


def test_the_workflow_runs_make_test_and_nothing_hidden():
    runs = [step["run"] for step in _job()["steps"] if "run" in step]
    assert runs[-1] == "make test"
    assert not any("pytest" in run or "npm " in run for run in runs)  # everything goes through make test


def test_the_services_are_on_the_ports_the_tests_use():
    services = _job()["services"]
    ports = {name: service["ports"] for name, service in services.items()}
    assert ports == {"postgres": ["5432:5432"], "redis": ["6379:6379"], "rabbitmq": ["5672:5672"]}
    assert services["postgres"]["env"]["POSTGRES_DB"] == "test"
    assert "127.0.0.1:5432/test" in _job()["env"]["PLANLOOM_TEST_POSTGRES_URL"]


def test_the_toolchain_matches_what_the_project_declares():
    steps = {step.get("uses", "").split("@")[0]: step for step in _job()["steps"]}
    python = steps["actions/setup-python"]["with"]["python-version"]
    required = re.search(r"python_requires\s*=\s*>=\s*([\d.]+)", (ROOT / "setup.cfg").read_text()).group(1)
    assert tuple(map(int, python.split("."))) >= tuple(map(int, required.split(".")))
    node = int(steps["actions/setup-node"]["with"]["node-version"])
    engines = (ROOT / "ui" / "package.json").read_text()
    assert node >= int(re.search(r'"node": ">=(\d+)', engines).group(1))

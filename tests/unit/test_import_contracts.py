"""The import contracts in setup.cfg hold as written: they pass on the tree, every core package of
``domain/`` sits in the bottom layer, and each contract really fails when the rule is broken (also by
an import made only for type checking).

Each violation is planted in a throw-away copy of the packages, and ``lint-imports`` runs on the copy.
"""
from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("domain", "ports", "adapters", "entrypoints")
LINT = Path(sys.executable).with_name("lint-imports")


def _config() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    return config


def _lint(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT), "--config", str(root / "setup.cfg"), "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("contracts")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "setup.cfg", root / "setup.cfg")
    return root


def test_every_core_package_of_domain_is_in_the_bottom_layer():
    layers = [line.strip() for line in _config()["importlinter:contract:layers"]["layers"].splitlines() if line.strip()]
    assert layers[:4] == ["entrypoints", "adapters", "domain.services", "ports"]
    bottom = {name.strip() for name in layers[4].split(":")}
    core = {f"domain.{p.stem}" for p in (ROOT / "domain").iterdir()
            if p.name != "__pycache__" and p.stem not in ("__init__", "services") and (p.suffix == ".py" or p.is_dir())}
    assert bottom == core


def test_no_exemption_for_type_checking_imports():
    assert "exclude_type_checking_imports" not in _config()["importlinter"]


def test_the_tree_keeps_every_contract(tree):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("module, line, contract", [
    ("domain/model/task.py", "from domain.services import caching", "every import counted"),
    ("domain/scheduling/engine.py", "from ports.clock import Clock", "every import counted"),
    ("ports/clock.py", "from domain.services import messagebus", "every import counted"),
    ("adapters/memory/cache.py", "from domain.services import caching", "never import use cases"),
    ("domain/services/caching.py",
     "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from adapters.memory.cache import MemoryCache",
     "every import counted"),
])
def test_a_planted_violation_breaks_its_contract(tree, module, line, contract):
    path = tree / module
    original = path.read_text()
    try:
        path.write_text(original + "\n" + line + "\n")
        result = _lint(tree)
    finally:
        path.write_text(original)
    assert result.returncode != 0
    summary = result.stdout.replace("\n", " ").split("Contracts:")[0]
    broken = [name for name, status in re.findall(r"(.+?) (KEPT|BROKEN)", summary) if status == "BROKEN"]
    assert any(contract in name for name in broken), result.stdout

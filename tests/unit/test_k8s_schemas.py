"""Every Kubernetes manifest under deploy/kubernetes is valid against the Kubernetes API's own schemas
(kubernetes-validate, from PyPI: the schemas ship inside it, nothing is downloaded), strictly: an
unknown or misplaced field fails, as ``kubectl apply --validate=strict`` would."""
from __future__ import annotations

import copy
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

K8S = Path(__file__).resolve().parents[2] / "deploy" / "kubernetes"
VERSIONS = ("1.29.0", "1.37.0")  # the oldest Kubernetes the manifests promise to run on, and the newest known
VERSION = VERSIONS[-1]


def _documents() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":  # kustomize's own file, not an API object
            continue
        out += [(f"{path.name}:{doc['kind']}/{doc['metadata']['name']}", doc)
                for doc in yaml.safe_load_all(path.read_text()) if doc]
    return out


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name,document", _documents(), ids=[name for name, _ in _documents()])
def test_the_manifest_is_valid_against_the_api_schema(name, document, version):
    kubernetes_validate.validate(document, version, strict=True)


def test_the_check_catches_a_broken_manifest():
    deployment = copy.deepcopy(next(doc for name, doc in _documents() if doc["kind"] == "Deployment"))
    deployment["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, VERSION, strict=True)
    misplaced = copy.deepcopy(next(doc for name, doc in _documents() if doc["kind"] == "Deployment"))
    misplaced["spec"]["template"]["spec"]["containers"][0]["cpu"] = "1"  # belongs under resources
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(misplaced, VERSION, strict=True)

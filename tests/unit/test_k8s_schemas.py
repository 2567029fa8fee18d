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
    for path in sorted(K8S.rglob("*.yaml")):  # the optional components below it too (mongo/)
        if path.name == "kustomization.yaml":  # kustomize's own file, not an API object
            continue
        out += [(f"{path.relative_to(K8S)}:{doc['kind']}/{doc['metadata']['name']}", doc)
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


def test_the_mongo_component_is_a_three_member_replica_set_named_as_its_init_job_says():
    (statefulset,) = [doc for _, doc in _documents() if doc["kind"] == "StatefulSet"]
    (init,) = [doc for _, doc in _documents() if doc["metadata"]["name"] == "planloom-mongo-init"]
    assert statefulset["spec"]["replicas"] == 3
    args = statefulset["spec"]["template"]["spec"]["containers"][0]["args"]
    assert args[args.index("--replSet") + 1] == "rs0"
    script = init["spec"]["template"]["spec"]["containers"][0]["command"][-1]
    service = statefulset["spec"]["serviceName"]
    assert all(f"planloom-mongo-{i}.{service}:27017" in script for i in range(3)) and "_id: 'rs0'" in script
    listed = yaml.safe_load((K8S / "mongo" / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == sorted(p.name for p in (K8S / "mongo").glob("*.yaml") if p.name != "kustomization.yaml")

"""The deployment files under deploy/ stay well-formed and cannot drift from the code.

- every YAML file parses; the compose services and Kubernetes objects have the fields they need and
  reference each other consistently (depends_on targets, selectors, Services, ConfigMap/Secret keys);
- every container command is a real ``planloom`` subcommand that ``entrypoints.cli.build_parser()``
  accepts with those exact arguments;
- every ``PLANLOOM_*`` name anywhere under deploy/ is one ``Settings.from_env`` reads, and the
  example env file lists all of them;
- the routes the proxies special-case (SSE stream, health checks) exist in the Flask app.

Needs PyYAML (in the test extra).
Nothing here runs Docker or talks to a cluster.
"""
from __future__ import annotations

import inspect
import re
import shlex
from pathlib import Path

import pytest

from entrypoints import cli
from entrypoints.config import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "kubernetes"
COMPOSE = DEPLOY / "docker-compose.yml"
DOCKERFILE = DEPLOY / "Dockerfile"
NGINX = DEPLOY / "nginx" / "planloom.conf"
ENV_EXAMPLE = DEPLOY / "env.example"
SSE_PATH = "/api/v1/notifications/stream"
NAME = re.compile(r"\bPLANLOOM_[A-Z0-9_]+\b")


def _yaml():
    import yaml  # the test extra installs PyYAML

    return yaml


def _subcommands() -> set[str]:
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return set(sub.choices)


def _assert_planloom_command(argv: list[str], where: str) -> None:
    assert argv, f"{where}: empty command"
    assert all(isinstance(a, str) for a in argv), f"{where}: every argument must be a string: {argv!r}"
    assert argv[0] in _subcommands(), f"{where}: {argv[0]!r} is not a planloom subcommand"
    try:
        cli.build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on bad arguments
        raise AssertionError(f"{where}: `planloom {' '.join(argv)}` is rejected by the parser") from exc


# --- what the code reads ------------------------------------------------------------------------

def _names_read_by_settings() -> set[str]:
    """What ``Settings.from_env`` reads: ``get("NAME"`` is ``PLANLOOM_NAME``; ``env.get("X"`` is ``X``."""
    source = inspect.getsource(Settings.from_env)
    prefixed = {f"PLANLOOM_{n}" for n in re.findall(r'(?<![.\w])get\("([A-Z0-9_]+)"', source)}
    plain = set(re.findall(r'\benv\.get\("([A-Z0-9_]+)"', source))
    assert prefixed and "OPENAI_API_KEY" in plain, "Settings.from_env changed shape: update this test"
    return prefixed | plain


# Product code that reads a PLANLOOM_* variable directly rather than through Settings (the CLI's
# PLANLOOM_ADMIN_PASSWORD, and a migrations-directory override if migrate.py ever takes one).
DIRECT_READERS = ("entrypoints/cli.py", "adapters/sql/migrate.py")


def _names_read_by_the_code() -> set[str]:
    names = _names_read_by_settings()
    for relative in DIRECT_READERS:
        source = (ROOT / relative).read_text(encoding="utf-8")
        names |= set(re.findall(r'environ(?:\.get\(|\[)\s*"(PLANLOOM_[A-Z0-9_]+)"', source))
    return names


def _deploy_files() -> list[Path]:
    return sorted(p for p in DEPLOY.rglob("*") if p.is_file() and p.name != ".env")


def test_the_deploy_files_exist():
    for path in (DOCKERFILE, COMPOSE, NGINX, ENV_EXAMPLE, DEPLOY / "README.md", K8S / "kustomization.yaml"):
        assert path.is_file(), f"missing {path.relative_to(ROOT)}"


def test_every_planloom_variable_under_deploy_is_read_by_the_code():
    known = _names_read_by_the_code()
    unknown = {}
    for path in _deploy_files():
        for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
            if name not in known:
                unknown.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    assert not unknown, f"PLANLOOM_* names that Settings.from_env does not read: {unknown}"


def test_the_env_example_lists_every_setting():
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.M))
    missing = _names_read_by_settings() - listed
    assert not missing, f"deploy/env.example does not list {sorted(missing)}"


def test_the_body_limit_is_the_same_everywhere():
    limit = Settings.max_body_bytes
    assert limit == 1024 * 1024
    assert re.search(r"^\s*client_max_body_size\s+1m;", NGINX.read_text(), flags=re.M)
    assert f"PLANLOOM_MAX_BODY_BYTES={limit}" in ENV_EXAMPLE.read_text()
    assert 'proxy-body-size: "1m"' in (K8S / "ingress.yaml").read_text()


def test_the_routes_the_proxies_special_case_exist():
    from entrypoints.http.app import create_app

    app = create_app(Settings.from_env({"PLANLOOM_DATABASE_URL": "sqlite://", "PLANLOOM_SECRET_KEY": "test-" + "k" * 32}))
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert {SSE_PATH, "/healthz", "/readyz"} <= rules


# --- Dockerfile -----------------------------------------------------------------------------------

def _dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            out.append((keyword.upper(), rest.strip()))
    return out


def test_the_dockerfile_builds_the_ui_and_installs_the_package_non_editable():
    instructions = _dockerfile_instructions()
    args = dict(re.findall(r"(\w+)=(\S+)", " ".join(r for k, r in instructions if k == "ARG")))
    froms = [re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), r)
             for k, r in instructions if k == "FROM"]
    assert any(f.startswith("node:20") and f.endswith(" AS ui") for f in froms), froms
    assert any(f.startswith("python:3.11-slim") for f in froms), froms
    runs = " ".join(r for k, r in instructions if k == "RUN")
    assert "npm ci" in runs and "npm run build" in runs
    assert re.search(r"pip install \.(\s|$|&)", runs) and "pip install -e" not in runs
    user = [r for k, r in instructions if k == "USER"]
    assert user and not user[-1].startswith(("root", "0")), "the image must not run as root"
    (healthcheck,) = [r for k, r in instructions if k == "HEALTHCHECK"]
    assert "/healthz" in healthcheck
    (entrypoint,) = [r for k, r in instructions if k == "ENTRYPOINT"]
    assert entrypoint == '["planloom"]'
    (cmd,) = [r for k, r in instructions if k == "CMD"]
    assert cmd.startswith("[")
    import json

    _assert_planloom_command(json.loads(cmd), "Dockerfile CMD")


def test_the_dockerfile_copies_existing_paths_and_puts_ui_and_migrations_where_the_code_looks():
    instructions = _dockerfile_instructions()
    copies = [shlex.split(r) for k, r in instructions if k == "COPY"]
    for parts in copies:
        if any(p.startswith("--from=") for p in parts):
            continue
        for source in parts[:-1]:
            if not source.startswith("--"):
                # The ui stage copies from ui/; the build context is the repository root.
                assert (ROOT / source).exists(), f"COPY source {source} does not exist"
    env = " ".join(r for k, r in instructions if k == "ENV")
    ui_dist = re.search(r"PLANLOOM_UI_DIST=(\S+)", env).group(1)
    assert any(p[0] == "--from=ui" and p[-1].rstrip("/") == ui_dist for p in copies), "UI not copied to PLANLOOM_UI_DIST"
    # adapters/sql/migrate.py reads PLANLOOM_MIGRATIONS_DIR: the image must copy the migrations there.
    migrations_dir = re.search(r"PLANLOOM_MIGRATIONS_DIR=(\S+)", env).group(1)
    assert any(p[0] == "migrations/" and p[-1].rstrip("/") == migrations_dir for p in copies), \
        "migrations not copied to PLANLOOM_MIGRATIONS_DIR"


# --- YAML -----------------------------------------------------------------------------------------

def _load_all(path: Path) -> list:
    yaml = _yaml()
    with path.open(encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc is not None]


def test_every_yaml_file_parses():
    files = sorted([*DEPLOY.rglob("*.yml"), *DEPLOY.rglob("*.yaml")])
    assert files
    for path in files:
        docs = _load_all(path)
        assert docs and all(isinstance(d, dict) for d in docs), f"{path.relative_to(ROOT)}: not a mapping"


# --- docker compose -------------------------------------------------------------------------------

APP_SERVICES = {"migrate", "web", "worker", "notifier", "images", "jobs"}


def _compose() -> dict:
    (doc,) = _load_all(COMPOSE)
    return doc


def test_compose_has_the_services_with_the_right_images():
    services = _compose()["services"]
    assert set(services) == APP_SERVICES | {"postgres", "redis", "rabbitmq", "nginx", "prometheus", "grafana",
                                            "mongo-key", "mongo1", "mongo2", "mongo3", "mongo-init"}
    assert services["prometheus"]["image"].startswith("prom/prometheus:")
    assert services["grafana"]["image"].startswith("grafana/grafana:")
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    assert services["rabbitmq"]["image"].startswith("rabbitmq:3") and "management" in services["rabbitmq"]["image"]
    assert services["nginx"]["image"].startswith("nginx:")
    for name in APP_SERVICES:
        service = services[name]
        assert service["build"]["context"] == ".."
        assert (COMPOSE.parent / service["build"]["context"] / service["build"]["dockerfile"]).resolve() == DOCKERFILE
        assert service["env_file"] in (".env", [".env"])


def test_compose_commands_are_planloom_subcommands():
    services = _compose()["services"]
    expected = {"migrate": "migrate", "web": "serve", "worker": "worker", "notifier": "worker", "images": "worker",
                "jobs": "jobs"}
    for name, subcommand in expected.items():
        command = services[name]["command"]
        assert isinstance(command, list), f"{name}: use the list form of command"
        assert command[0] == subcommand
        _assert_planloom_command(command, f"compose service {name}")
    assert "0.0.0.0" in services["web"]["command"]


def test_compose_healthchecks_and_start_order():
    services = _compose()["services"]

    def healthy(name: str) -> bool:
        check = services[name].get("healthcheck") or {}
        return bool(check.get("test")) and not check.get("disable")

    for name in ("postgres", "redis", "rabbitmq", "web", "nginx"):
        assert healthy(name), f"{name} needs a healthcheck"
    for name in ("migrate", "worker", "notifier", "images", "jobs"):
        # The image's HEALTHCHECK probes HTTP, which only `serve` answers.
        assert services[name]["healthcheck"].get("disable") is True, f"{name} must disable the image healthcheck"
    assert services["migrate"]["restart"] == "no"
    for name, service in services.items():
        depends = service.get("depends_on", {})
        assert isinstance(depends, dict), f"{name}: depends_on needs conditions"
        for target, spec in depends.items():
            assert target in services, f"{name} depends on unknown {target}"
            condition = spec["condition"]
            if condition == "service_healthy":
                assert healthy(target), f"{name} waits for {target} to be healthy but it has no healthcheck"
            else:
                assert condition == "service_completed_successfully" and target in ("migrate", "mongo-key"), (
                    name, target)
    for name in ("web", "worker", "notifier", "images", "jobs"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"


def _queues(command: list[str]) -> list[str]:
    return command[command.index("--queues") + 1].split(",") if "--queues" in command else []


def _compose_workers() -> dict[str, list[str]]:
    """Each Compose service running ``planloom worker``: the consumers it runs (no --queues: all)."""
    return {name: service["command"] for name, service in _compose()["services"].items()
            if service.get("command", [None])[0] == "worker"}


def _k8s_workers() -> dict[str, list[str]]:
    """Each Kubernetes Deployment running ``planloom worker`` (any container): its arguments."""
    return {d["metadata"]["name"]: container["args"] for d in _by_kind("Deployment")
            for container in d["spec"]["template"]["spec"]["containers"] if container.get("args", [None])[0] == "worker"}


def _runs_each_consumer_once(workers: dict[str, list[str]]) -> list[str]:
    """What is wrong: a consumer no worker kind runs, or one that two kinds (or one kind twice) run."""
    from entrypoints.consumers.registry import CONSUMERS

    runs: dict[str, list[str]] = {name: [] for name in CONSUMERS}
    for kind, command in workers.items():
        assert "--queues" in command, f"{kind} runs every consumer: name them (--queues)"
        for queue in _queues(command):
            assert queue in runs, f"{kind} runs an unknown consumer {queue!r}"
            runs[queue].append(kind)
    return [f"{queue}: run by {kinds or 'no worker'}" for queue, kinds in runs.items() if len(kinds) != 1]


@pytest.mark.parametrize("flavour", ["compose", "kubernetes"])
def test_every_consumer_is_run_by_exactly_one_worker_kind(flavour):
    workers = _compose_workers() if flavour == "compose" else _k8s_workers()
    assert _runs_each_consumer_once(workers) == []


def test_the_consumer_check_fails_on_a_missing_or_doubled_consumer():
    workers = {"worker": ["worker", "--queues", "replan,images"],
               "notifier": ["worker", "--queues", "notify,deliver,analytics,calendar_write,calendar_sync"]}
    assert _runs_each_consumer_once(workers) == []
    missing = {**workers, "worker": ["worker", "--queues", "replan"]}
    assert _runs_each_consumer_once(missing) == ["images: run by no worker"]
    doubled = {**workers, "images": ["worker", "--queues", "images"]}
    assert _runs_each_consumer_once(doubled) == ["images: run by ['worker', 'images']"]
    with pytest.raises(AssertionError, match="unknown consumer"):
        _runs_each_consumer_once({**workers, "extra": ["worker", "--queues", "replan2"]})
    with pytest.raises(AssertionError, match="runs every consumer"):
        _runs_each_consumer_once({**workers, "all": ["worker"]})


def test_each_concern_has_its_own_workers():
    compose, k8s = _compose_workers(), _k8s_workers()
    assert set(compose) == {"worker", "notifier", "images"}
    assert set(k8s) == {"planloom-worker", "planloom-notifier", "planloom-images"}
    # Re-plans never wait behind OCR, nor behind notifications.
    assert _queues(compose["worker"]) == ["replan"] and _queues(k8s["planloom-worker"]) == ["replan"]
    assert _queues(compose["images"]) == ["images"] and _queues(k8s["planloom-images"]) == ["images"]
    # One relay kind: the scheduling worker.
    assert [name for name, command in compose.items() if "--no-relay" not in command] == ["worker"]
    assert [name for name, args in k8s.items() if "--no-relay" not in args] == ["planloom-worker"]
    hpas = {h["spec"]["scaleTargetRef"]["name"] for h in _by_kind("HorizontalPodAutoscaler")}
    assert set(k8s) <= hpas
    pdbs = {p["spec"]["selector"]["matchLabels"]["app.kubernetes.io/component"] for p in _by_kind("PodDisruptionBudget")}
    components = {d["metadata"]["name"]: d["spec"]["selector"]["matchLabels"]["app.kubernetes.io/component"]
                  for d in _by_kind("Deployment")}
    assert {components[name] for name in k8s} <= pdbs


def _cores(quantity: str) -> float:
    return float(quantity[:-1]) / 1000 if str(quantity).endswith("m") else float(quantity)


def test_the_images_worker_does_not_oversubscribe_its_cores():
    """ONNX Runtime's default (PLANLOOM_OCR_THREADS=0) is a thread per core of the host, not of the
    pod. The adapter runs one inference at a time per process, so its threads must fit the CPU the
    images worker is given."""
    from adapters.rapidocr.engine import RapidOcrEngine

    assert hasattr(RapidOcrEngine(), "_lock"), "one inference at a time per process: else count --concurrency"
    service = _compose()["services"]["images"]
    threads = int(service["environment"]["PLANLOOM_OCR_THREADS"])
    assert threads >= 1
    assert threads <= float(service["deploy"]["resources"]["limits"]["cpus"])
    assert "PROMETHEUS_MULTIPROC_DIR" in service["environment"]  # the service's mapping replaces the anchor's
    (deployment,) = [d for d in _by_kind("Deployment") if d["metadata"]["name"] == "planloom-images"]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    env = {item["name"]: item["value"] for item in container["env"]}
    threads = int(env["PLANLOOM_OCR_THREADS"])
    assert threads >= 1
    resources = container["resources"]
    assert threads <= _cores(resources["limits"]["cpu"])
    assert _cores(resources["requests"]["cpu"]) >= 1 and "memory" in resources["limits"]
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert "/var/lib/planloom/images" in mounts  # it reads the uploads web pods store


def test_compose_runs_mongodb_as_a_replica_set_on_request():
    services = _compose()["services"]
    members = ["mongo1", "mongo2", "mongo3"]
    for name in members + ["mongo-key", "mongo-init"]:
        assert services[name]["profiles"] == ["mongo"], f"{name} starts only with --profile mongo"
    for name in members:
        command = services[name]["command"]
        assert command[command.index("--replSet") + 1] == "rs0" and "--keyFile" in command
        assert len({v.split(":")[0] for v in services[name]["volumes"]}) == 2  # its own data, the shared key
    assert len({services[name]["volumes"][0] for name in members}) == 3  # never one data volume for two
    init = " ".join(services["mongo-init"]["command"])
    assert all(f"host: '{m}:27017'" in init for m in members) and "_id: 'rs0'" in init
    env = ENV_EXAMPLE.read_text()
    url = re.search(r"PLANLOOM_MONGO_URL=(\S+)", env).group(1)
    assert all(f"{m}:27017" in url for m in members)
    assert "replicaSet=rs0" in url and "w=majority" in url and "readPreference=" in url


def test_compose_mounts_the_nginx_config():
    volumes = _compose()["services"]["nginx"]["volumes"]
    sources = [v.split(":")[0] for v in volumes]
    assert "./nginx/planloom.conf" in sources and (DEPLOY / "nginx" / "planloom.conf").is_file()


# --- nginx ----------------------------------------------------------------------------------------

def test_nginx_streams_sse_unbuffered_and_passes_request_ids():
    text = NGINX.read_text(encoding="utf-8")
    block = re.search(r"location\s+=\s+" + re.escape(SSE_PATH) + r"\s*\{(.*?)\}", text, flags=re.S)
    assert block, "no location for the SSE stream"
    body = block.group(1)
    assert re.search(r"proxy_buffering\s+off;", body) and re.search(r"gzip\s+off;", body)
    timeout = re.search(r"proxy_read_timeout\s+(\d+)s;", body)
    assert timeout and int(timeout.group(1)) >= 300
    assert "X-Request-ID" in text and "$request_id" in text
    assert re.search(r"^\s*http2\s+on;", text, flags=re.M)
    assert "limit_req_zone" in text and "location /assets/" in text
    assert text.count("{") == text.count("}")


def _tls_server_directives() -> dict[str, str]:
    """The directives (name -> value) of the server block that listens with TLS, comments dropped."""
    text = re.sub(r"#[^\n]*", "", NGINX.read_text(encoding="utf-8"))
    servers = re.split(r"^server\s*\{", text, flags=re.M)[1:]
    tls = [body for body in servers if re.search(r"^\s*listen\s+443\s+ssl;", body, flags=re.M)]
    assert len(tls) == 1, "one TLS server block"
    top = re.sub(r"location[^{]*\{[^}]*\}", "", tls[0])  # the server's own directives, not a location's
    return {m.group(1): " ".join(m.group(2).split()) for m in re.finditer(r"^\s*(ssl_\w+)\s+([^;]+);", top, flags=re.M)}


def test_nginx_tls_follows_the_intermediate_profile():
    """TLS 1.2 and 1.3 only; TLS 1.2 suites all ECDHE with AES-GCM or ChaCha20-Poly1305; the client's
    order; no session tickets; OCSP stapling documented (commented out: not every CA runs OCSP)."""
    tls = _tls_server_directives()
    assert tls["ssl_protocols"].split() == ["TLSv1.2", "TLSv1.3"]
    suites = tls["ssl_ciphers"].split(":")
    assert len(suites) >= 4
    assert all(re.fullmatch(r"ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)", s) for s in suites), suites
    assert {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305"} <= set(suites)
    assert tls["ssl_prefer_server_ciphers"] == "off"
    assert tls["ssl_session_tickets"] == "off"
    assert "ssl_stapling" not in tls, "stapling stays opt-in"
    text = NGINX.read_text(encoding="utf-8")
    assert re.search(r"^\s*#\s*ssl_stapling\s+on;", text, flags=re.M)
    assert re.search(r"^\s*#\s*ssl_trusted_certificate\s", text, flags=re.M)


def test_the_tls_check_reads_directives_of_the_tls_server_only(monkeypatch, tmp_path):
    config = tmp_path / "planloom.conf"
    config.write_text("server {\n    listen 80;\n    ssl_protocols TLSv1;\n}\n"
                      "server {\n    listen 443 ssl;\n    # ssl_session_tickets on;\n    ssl_session_tickets on;\n"
                      "    location / {\n        ssl_protocols TLSv1.1;\n    }\n    ssl_protocols TLSv1.2;\n}\n")
    monkeypatch.setitem(globals(), "NGINX", config)
    assert _tls_server_directives() == {"ssl_session_tickets": "on", "ssl_protocols": "TLSv1.2"}


# --- Kubernetes -----------------------------------------------------------------------------------

def _k8s_objects() -> list[dict]:
    kustomization = _load_all(K8S / "kustomization.yaml")[0]
    objects = []
    for resource in kustomization["resources"]:
        objects.extend(_load_all(K8S / resource))
    return objects


def _by_kind(kind: str) -> list[dict]:
    return [o for o in _k8s_objects() if o["kind"] == kind]


def _matches(selector: dict, labels: dict) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


def test_kustomization_lists_every_manifest():
    kustomization = _load_all(K8S / "kustomization.yaml")[0]
    assert kustomization["kind"] == "Kustomization" and kustomization["namespace"] == "planloom"
    listed = set(kustomization["resources"])
    present = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present, f"not in kustomization.yaml: {present - listed}; missing files: {listed - present}"
    assert any(i["name"] == "planloom" for i in kustomization["images"])


def test_k8s_objects_are_well_formed():
    objects = _k8s_objects()
    for obj in objects:
        assert obj.get("apiVersion") and obj.get("kind"), obj
        assert obj["metadata"].get("name"), obj
    kinds = {o["kind"] for o in objects}
    assert {"Namespace", "ConfigMap", "Secret", "Deployment", "Job", "Service", "Ingress",
            "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= kinds
    names = [(o["kind"], o["metadata"]["name"]) for o in objects]
    assert len(names) == len(set(names)), "duplicate objects"
    assert {d["metadata"]["name"] for d in _by_kind("Deployment")} == {"planloom-web", "planloom-worker",
                                                                       "planloom-notifier", "planloom-images",
                                                                       "planloom-jobs"}


def _pod_specs() -> list[tuple[str, dict]]:
    out = [(d["metadata"]["name"], d["spec"]["template"]["spec"]) for d in _by_kind("Deployment")]
    out += [(j["metadata"]["name"], j["spec"]["template"]["spec"]) for j in _by_kind("Job")]
    return out


def test_k8s_containers_run_planloom_subcommands_securely():
    expected = {"planloom-web": "serve", "planloom-worker": "worker", "planloom-notifier": "worker", "planloom-jobs": "jobs",
                "planloom-images": "worker", "planloom-migrate": "migrate"}
    for name, pod in _pod_specs():
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] != 0
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for container in pod["containers"]:
            where = f"{name}/{container['name']}"
            assert container["image"].startswith("planloom"), where
            assert "command" not in container, f"{where}: keep the image's `planloom` entrypoint; use args"
            _assert_planloom_command(container["args"], where)
            assert container["args"][0] == expected[name], where
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True and security["allowPrivilegeEscalation"] is False
            assert security["capabilities"]["drop"] == ["ALL"]
            mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
            assert "/tmp" in mounts and "emptyDir" in volumes[mounts["/tmp"]], f"{where}: /tmp must be an emptyDir"
            assert container["resources"]["requests"]["cpu"] and container["resources"]["limits"]["memory"]


def test_k8s_web_probes_and_spread():
    (web,) = [d for d in _by_kind("Deployment") if d["metadata"]["name"] == "planloom-web"]
    pod = web["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert "0.0.0.0" in container["args"]
    keys = {c["topologyKey"] for c in pod["topologySpreadConstraints"]}
    assert {"topology.kubernetes.io/zone", "kubernetes.io/hostname"} <= keys
    for constraint in pod["topologySpreadConstraints"]:
        assert _matches(constraint["labelSelector"]["matchLabels"], web["spec"]["template"]["metadata"]["labels"])


def test_k8s_selectors_and_references_are_consistent():
    deployments = {d["metadata"]["name"]: d for d in _by_kind("Deployment")}
    for name, deployment in deployments.items():
        assert _matches(deployment["spec"]["selector"]["matchLabels"], deployment["spec"]["template"]["metadata"]["labels"]), name
    (config,) = _by_kind("ConfigMap")
    (secret,) = _by_kind("Secret")
    secret_keys = set(secret.get("stringData", {})) | set(secret.get("data", {}))
    for name, pod in _pod_specs():
        for container in pod["containers"]:
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] == config["metadata"]["name"]
                if "secretRef" in source:
                    assert source["secretRef"]["name"] == secret["metadata"]["name"]
            for var in container.get("env", []):
                ref = var.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    assert ref["name"] == secret["metadata"]["name"] and ref["key"] in secret_keys, (name, ref)
    known = _names_read_by_the_code()
    for key in [*config["data"], *secret_keys]:
        assert key in known or not key.startswith("PLANLOOM_"), key
    services = {s["metadata"]["name"]: s for s in _by_kind("Service")}
    web_labels = deployments["planloom-web"]["spec"]["template"]["metadata"]["labels"]
    assert _matches(services["planloom-web"]["spec"]["selector"], web_labels)
    web_ports = {p["name"] for c in deployments["planloom-web"]["spec"]["template"]["spec"]["containers"] for p in c["ports"]}
    for port in services["planloom-web"]["spec"]["ports"]:
        assert port["targetPort"] in web_ports
    service_ports = {(n, p["name"]) for n, s in services.items() for p in s["spec"]["ports"]}
    for ingress in _by_kind("Ingress"):
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                assert (backend["name"], backend["port"]["name"]) in service_ports
    for hpa in _by_kind("HorizontalPodAutoscaler"):
        target = hpa["spec"]["scaleTargetRef"]
        assert target["kind"] == "Deployment" and target["name"] in deployments
        assert "replicas" not in deployments[target["name"]]["spec"], f"{target['name']}: the HPA owns replicas"
        assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    for pdb in _by_kind("PodDisruptionBudget"):
        selector = pdb["spec"]["selector"]["matchLabels"]
        assert any(_matches(selector, d["spec"]["template"]["metadata"]["labels"]) for d in deployments.values()), pdb
    (job,) = _by_kind("Job")
    assert job["spec"]["template"]["spec"]["restartPolicy"] in ("Never", "OnFailure")


def test_k8s_ingress_streams_sse():
    ingresses = _by_kind("Ingress")
    sse = [i for i in ingresses
           if any(p["path"] == SSE_PATH for r in i["spec"]["rules"] for p in r["http"]["paths"])]
    assert len(sse) == 1
    annotations = sse[0]["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/proxy-buffering"] == "off"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 300
    for ingress in ingresses:
        assert ingress["spec"]["ingressClassName"] == "nginx" and ingress["spec"]["tls"]


def test_nginx_reads_requests_whole_and_times_out_slow_clients():
    """Slow clients (slowloris, slow bodies, slow readers) must stop at nginx, never reach the upstream."""
    text = NGINX.read_text(encoding="utf-8")
    directives: dict[str, str] = {}  # the first setting of each: the server's, before any location's
    for match in re.finditer(r"^\s*(\w+)\s+([^;#]+);", text, re.MULTILINE):
        directives.setdefault(match.group(1), match.group(2).strip())
    for name in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        assert name in directives and int(directives[name].rstrip("s")) <= 30, name
    assert directives["proxy_request_buffering"] == "on" and directives["proxy_buffering"] == "on"
    assert directives["reset_timedout_connection"] == "on"
    assert re.search(r"^\s*limit_conn\s+planloom_conn\s+\d+;", text, re.MULTILINE)
    assert re.search(r"^limit_conn_zone\s+\$binary_remote_addr\s+zone=planloom_conn:", text, re.MULTILINE)

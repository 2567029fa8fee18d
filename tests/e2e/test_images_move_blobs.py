"""``planloom images move-blobs``: an install that kept its images in a folder moves them into S3 (a local S3
server: moto's, over HTTP), then serves them from there. The run copies and verifies every referenced blob,
reports one whose file is gone without stopping, a rerun copies nothing, and the source files go only with
``--delete-source``."""
from __future__ import annotations

import io
import json

from entrypoints.cli import main
from tests.e2e.conftest import sign_up
from tests.images import encoded, list_image
from tests.s3_server import s3_server  # noqa: F401 (fixture)

IMAGES = "/api/v1/images"


def _upload(api, text: str) -> str:
    png = encoded(list_image([f"- {text}"], width=300))
    created = api.post(IMAGES, data={"file": (io.BytesIO(png), "list.png")}, content_type="multipart/form-data")
    assert created.status_code == 202, created.get_json()
    return created.get_json()["id"]


def _move(capsys, *args: str) -> tuple[int, dict, list[dict]]:
    code = main(["images", "move-blobs", *args])
    out, err = capsys.readouterr()
    problems = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    return code, json.loads(out), problems


def test_images_move_from_a_folder_into_s3(make_app, s3_server, tmp_path, monkeypatch, capsys):  # noqa: F811
    old, database_url, secret = tmp_path / "old-images", f"sqlite:///{tmp_path / 'moving.db'}", "k" * 64
    on_disk = make_app("fresh", database_url=database_url, images_dir=old, secret_key=secret)
    alice, bob = sign_up(on_disk.test_client()), sign_up(on_disk.test_client())
    owners = {_upload(alice, "buy milk"): alice, _upload(alice, "call mum"): alice, _upload(bob, "fix the bike"): bob}
    content = {image_id: api.get(f"{IMAGES}/{image_id}/content").data for image_id, api in owners.items()}
    files = {p.name: p.read_bytes() for p in old.iterdir()}
    assert sorted(files.values()) == sorted(content.values())
    lost_id = next(iter(owners))
    [gone] = [name for name, data in files.items() if data == content[lost_id]]
    (old / gone).unlink()  # lost before the move: reported, not fatal
    moved = {name: data for name, data in files.items() if name != gone}

    bucket = s3_server.new_bucket()
    s3_settings = s3_server.store_settings(bucket, images_s3_prefix="planloom/images")
    for name, value in s3_settings.items():
        monkeypatch.setenv(f"PLANLOOM_{name.upper()}", value)
    monkeypatch.setenv("PLANLOOM_DATABASE_URL", database_url)
    monkeypatch.setenv("PLANLOOM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PLANLOOM_SECRET_KEY", secret)

    code, counts, problems = _move(capsys, "--from-dir", str(old))
    assert code == 0
    assert {k: counts[k] for k in ("images", "copied", "already_there", "missing", "failed", "sources_deleted")} == {
        "images": 3, "copied": 2, "already_there": 0, "missing": 1, "failed": 0, "sources_deleted": 0}
    assert counts["bytes_copied"] == sum(len(data) for data in moved.values())
    assert [(p["missing"], p["image_id"], p["reason"]) for p in problems] == [(gone, lost_id, "in neither store")]
    assert s3_server.objects(bucket) == {f"planloom/images/{name}": data for name, data in moved.items()}
    assert {p.name for p in old.iterdir()} == set(moved)  # kept: no --delete-source

    code, again, _ = _move(capsys, "--from-dir", str(old))  # a rerun: nothing written
    assert code == 0 and (again["copied"], again["already_there"], again["missing"]) == (0, 2, 1)

    code, deleting, _ = _move(capsys, "--from-dir", str(old), "--delete-source")
    assert code == 0 and (deleting["copied"], deleting["already_there"], deleting["sources_deleted"]) == (0, 2, 2)
    assert list(old.iterdir()) == [] and len(s3_server.objects(bucket)) == 2
    code, after, _ = _move(capsys, "--from-dir", str(old), "--delete-source")  # the sources gone, the copies there
    assert code == 0 and (after["copied"], after["already_there"], after["sources_deleted"]) == (0, 2, 0)

    on_s3 = make_app("fresh", database_url=database_url, secret_key=secret, **s3_settings)  # the switched install
    client = on_s3.test_client()
    for image_id, api in owners.items():
        served = client.get(f"{IMAGES}/{image_id}/content", headers=api.headers)
        if image_id == lost_id:
            assert served.status_code != 200
        else:
            assert served.status_code == 200 and served.data == content[image_id]


def test_the_configured_folder_itself_is_refused(tmp_path, monkeypatch, capsys):
    images = tmp_path / "images"
    images.mkdir()
    monkeypatch.setenv("PLANLOOM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PLANLOOM_SECRET_KEY", "k" * 64)
    for name in ("IMAGES_S3_BUCKET", "IMAGES_DIR"):
        monkeypatch.delenv(f"PLANLOOM_{name}", raising=False)
    assert main(["images", "move-blobs", "--from-dir", str(images), "--delete-source"]) == 2
    assert "is the configured image store itself" in capsys.readouterr().err
    assert main(["images", "move-blobs", "--from-dir", str(tmp_path / "nowhere")]) == 2
    assert "is not a directory" in capsys.readouterr().err

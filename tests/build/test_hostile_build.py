"""Bad files, odd commands and builds that meet each other (issues 10 and 12): a clear error naming the
file, or the right outcome, never a traceback or exit 70."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ceso.errors import CesoError
from ceso.load import load
from support import REPO, SMALL, run_ceso

PREFIXES = b"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix ex: <https://w3id.org/ceso/id/> .\n"


def load_instance(path):
    return load({"instances": [path]})


@pytest.mark.parametrize("make, fragment", [
    (lambda p: p.symlink_to(p), "loops back on itself"),
    (lambda p: p.symlink_to(p.parent / "gone.ttl"), "which does not exist"),
    (lambda p: p.mkdir(), "is a folder, not a Turtle file"),
])
def test_odd_files_get_file_errors(tmp_path, make, fragment):
    path = tmp_path / "odd.ttl"
    make(path)
    with pytest.raises(CesoError) as err:
        load_instance(path)
    assert fragment in err.value.what and "odd.ttl" in err.value.what


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + PREFIXES + b'ex:x ex:p "1"^^xsd:integer .\n')
    assert len(load_instance(path).instances) == 1


@pytest.mark.parametrize("literal", [b'"2015-13-45T00:00:00Z"^^xsd:dateTime', b'"abc"^^xsd:integer'])
def test_ill_typed_literals_are_named_with_file_and_line(tmp_path, literal):
    path = tmp_path / "typed.ttl"
    path.write_bytes(PREFIXES + b"\nex:x ex:p " + literal + b" .\n")
    with pytest.raises(CesoError) as err:
        load_instance(path)
    assert "is not a valid xsd:" in err.value.what and err.value.where.endswith("typed.ttl, line 4")


@pytest.mark.parametrize("content, fragment", [(b"SELECT * { ?s ?p \"Almat\xfd\" }", "is not UTF-8"),
                                               (b"", "holds no query"), (b"# only a comment\n", "holds no query")])
def test_bad_query_files(tmp_path, content, fragment):
    from ceso.queries import resolve

    path = tmp_path / "bad.rq"
    path.write_bytes(content)
    with pytest.raises(CesoError) as err:
        resolve(str(path))
    assert fragment in err.value.what


def test_serve_with_a_port_out_of_range(shipped_root):
    result = run_ceso("serve", "--port", "99999", build_dir=shipped_root)
    assert result.returncode == 2 and "out of range" in result.stderr and "Traceback" not in result.stderr


def test_serve_on_a_busy_port(shipped_root):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = run_ceso("serve", "--port", str(busy.getsockname()[1]), build_dir=shipped_root, timeout=60)
    assert result.returncode == 2 and "another program uses that port" in result.stderr


def test_export_files_follow_the_umask_and_an_absent_graph_is_an_error(shipped_root, tmp_path):
    out = tmp_path / "g.ttl"
    run_ceso("export", "--format", "ttl", "-o", str(out), build_dir=shipped_root, check=True)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    empty = tmp_path / "w.nt"
    result = run_ceso("export", "--format", "nt", "--graph", "wikidata", "-o", str(empty), build_dir=shipped_root)
    assert result.returncode == 1 and "links pull" in result.stderr and not empty.exists()


def test_owlrl_build_is_kept_by_read_commands(fixture_tree, tmp_path):
    source, root = fixture_tree(), tmp_path / "build"
    run_ceso("build", "--reasoner", "owlrl", build_dir=root, source_dir=source, check=True)
    built = (root / "current").resolve()
    run_ceso("query", "--format", "csv", str(REPO / "tests/server/fixtures/queries/organizations.rq"),
             build_dir=root, source_dir=source, check=True)
    assert (root / "current").resolve() == built
    assert json.loads((built / "manifest.json").read_text())["engine"] == "owlrl"


def test_two_builds_at_once_and_a_served_build_kept(fixture_tree, tmp_path):
    from support import make_client

    source, root = fixture_tree(), tmp_path / "build"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("CESO_")},
           "CESO_BUILD_DIR": str(root), "CESO_SOURCE_DIR": str(source)}
    builds = [subprocess.Popen([sys.executable, "-m", "ceso", "build", "--force", "--verbose"], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [(b.wait(120), b.stderr.read()) for b in builds]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    served = (root / "current").resolve()
    client = make_client(served)  # holds the folder it serves
    run_ceso("build", "--force", build_dir=root, source_dir=source, check=True)
    assert (root / "current").resolve() != served and served.is_dir()
    assert client.request("GET", "/void.ttl").status == 200


def _can_mount() -> bool:
    """Whether this machine lets a process mount a tmpfs in a mount namespace of its own."""
    import shutil
    import tempfile

    if shutil.which("unshare") is None:
        return False
    with tempfile.TemporaryDirectory() as folder:
        return subprocess.run(["unshare", "-Urm", "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder],
                              capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs `unshare -Urm` (a private mount namespace) to make a small disk")
def test_a_full_disk_is_named_and_the_previous_build_kept(fixture_tree, tmp_path):
    """A real full file system: a tmpfs just larger than one build, in a mount namespace of its own."""
    source, first = fixture_tree(), tmp_path / "first"
    run_ceso("build", build_dir=first, source_dir=source, check=True)
    used = sum(p.stat().st_size for p in first.rglob("*") if p.is_file() and not p.is_symlink())
    small, out, count = tmp_path / "small", tmp_path / "out", tmp_path / "count.rq"
    small.mkdir(), out.mkdir()
    count.write_text("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }\n")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("CESO_")},
           "CESO_BUILD_DIR": str(small), "CESO_SOURCE_DIR": str(source)}
    ceso = f"{sys.executable} -m ceso"
    script = (f"mount -t tmpfs -o size={used + (512 << 10)} tmpfs {small} && cp -a {first}/. {small}/ && "
              f"{{ {ceso} build --force >{out}/stdout 2>{out}/stderr; echo $? >{out}/rc; "
              f"{ceso} query --format csv {count} >{out}/after 2>&1; "
              f"ls {small}/builds >{out}/builds; }}")
    subprocess.run(["unshare", "-Urm", "sh", "-c", script], cwd=REPO, env=env, check=True, timeout=300)
    assert (out / "rc").read_text().strip() == "1", (out / "stderr").read_text()
    stderr = (out / "stderr").read_text()
    assert "no space left in" in stderr and "the previous build is kept" in stderr and "Traceback" not in stderr
    before = run_ceso("query", "--format", "csv", str(count), build_dir=first, source_dir=source, check=True)
    assert (out / "after").read_text() == before.stdout  # the kept build still answers, with the same count
    assert len((out / "builds").read_text().split()) == 1  # no half-written build left beside it

"""The named competency queries shipped in queries/: each a .rq file with a commented header."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ceso import paths
from ceso.errors import CesoError


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    title: str
    question: str
    source: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def as_dict(self) -> dict:
        """What the query UI needs of an example."""
        return {"name": self.name, "title": self.title, "question": self.question, "source": self.source, "query": self.text}


def _header(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("# ").partition(":")
        if sep and key.strip().lower() in ("title", "question", "source"):
            fields[key.strip().lower()] = value.strip()
    return fields


def catalogue(folder: Path | None = None) -> list[NamedQuery]:
    folder = Path(folder or paths.QUERIES_DIR)
    if not folder.is_dir():
        return []
    result = []
    for path in sorted(folder.glob("*.rq")):
        fields = _header(path)
        result.append(NamedQuery(path.stem, path, fields.get("title", path.stem), fields.get("question", ""), fields.get("source", "")))
    return result


def _read_query(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CesoError(f"{path} is not UTF-8 (byte 0x{data[err.start]:02x} cannot be decoded)", where=f"{path}, line {line}",
                        fix="save the query file as UTF-8") from None
    if not "".join(l for l in text.splitlines() if not l.lstrip().startswith("#")).strip():
        raise CesoError(f"{path} holds no query (it is empty or only comments)", fix="write a SPARQL query in the file")
    return text


def resolve(name_or_path: str) -> tuple[str, str]:
    """A query file's text and display name, given a path or the name of a shipped query."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return _read_query(path), str(path)
    if path.suffix == ".rq" and (path.is_absolute() or len(path.parts) > 1):
        raise CesoError(f"query file not found: {name_or_path}", fix="check the path")
    known = {q.name: q for q in catalogue()}
    stem = path.stem if path.suffix == ".rq" else name_or_path
    if stem in known:
        return known[stem].text, known[stem].name
    matches = [q for name, q in known.items() if name.split("-", 1)[-1] == stem or name.startswith(stem + "-")]
    if len(matches) == 1:
        return matches[0].text, matches[0].name
    raise CesoError(
        f"no query file or named query {name_or_path!r}",
        fix="pass a path to a .rq file, or one of the names `ceso query --list` shows",
    )

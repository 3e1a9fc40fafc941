"""Exchange review items with translators' tools: gettext ``.po`` (via polib) and XLIFF 2.0.

Export:
- ``.po``: approved items are translated entries; every other item is ``fuzzy`` with its candidate,
  the previous source as ``#| msgid`` and a ``#. toneloc:`` provenance comment. Occurrences, flags,
  developer and translator comments, contexts and plural forms read from a catalog are written back.
- XLIFF 2.0 (``urn:oasis:names:tc:xliff:document:2.0``): ``<segment state=...>`` is ``final`` for
  approved items, ``translated`` for candidates waiting for review, ``initial`` otherwise (also for an
  item waiting for review without any candidate: no ``<target>`` is written then); the exact
  toneloc state is the ``subState`` (``toneloc:stale``); keys and provenance travel in the metadata
  module (``urn:oasis:names:tc:xliff:metadata:2.0``).

Both writes are atomic: a temporary file in the target directory, flushed and fsynced, then
``os.replace``; a crash leaves the old file or the new one, never half a file.

Import reads the whole file first (a malformed file raises :class:`~toneloc.errors.CatalogError` with
its line, and nothing is written), then applies it to the store in one transaction.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from toneloc.errors import CatalogError, ReviewError, UnknownLocaleError, os_error_reason
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.review._model import ItemKey, ReviewItem, ReviewState
from toneloc.review._store import ImportRecord, ImportSummary, ReviewStore

__all__ = [
    "XLIFF_NS",
    "atomic_write",
    "export_po",
    "export_xliff",
    "import_file",
    "read_po",
    "read_xliff",
]

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
_PROV = "toneloc:"
_KEY = "toneloc-key:"
_NOTE = "toneloc-note:"  # a reviewer's comment, shown to translators (not read back: the store has it)


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically (temp file in the same directory, fsync, ``os.replace``)."""
    target = Path(path)
    if target.is_dir():
        raise ReviewError("is a directory; cannot write the export there", path=target,
                          hint="pass a file path such as de.po or de.xlf")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ReviewError(f"cannot write {target.name}: {os_error_reason(exc)}", path=exc.filename or target,
                          hint="check that the folder exists, is a folder and is writable") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _items(
    store: ReviewStore, locale: str, states: Sequence[ReviewState] | None, viewer: str | None
) -> list[ReviewItem]:
    return [store.get(i.id, viewer=viewer) for i in store.list(locale=locale, states=states)]


def _provenance(item: ReviewItem) -> str:
    parts = [f"id={item.id}", f"state={item.state.value}"]
    if item.reviewer:
        parts.append(f"reviewer={item.reviewer}")
    if item.candidate is not None:
        parts.append(item.candidate.provenance())
    if item.reasons:
        parts.append("reasons=" + ",".join(item.reasons))
    return _PROV + " " + " ".join(parts)


def _text_and_forms(item: ReviewItem) -> tuple[str, tuple[str, ...]]:
    if item.translation is not None:
        return item.translation, item.translation_plural
    if item.candidate is not None:
        return item.candidate.text, item.candidate.plural_forms
    return "", ()


def export_po(
    store: ReviewStore,
    path: str | os.PathLike[str],
    *,
    locale: LocaleLike,
    states: Sequence[ReviewState] | None = None,
    viewer: str | None = None,
) -> int:
    """Write the items of *locale* to a ``.po`` file at *path* (atomically); returns the entry count.

    With *viewer* set, personal data is masked unless that reviewer holds the ``personal-data`` right
    (``None``: a trusted caller, nothing masked). A masked file imports back: the store restores the
    values from the masks (``[EMAIL-1]``...) before saving.

    >>> import tempfile, os, polib
    >>> from toneloc.review import Candidate, ItemKey, NewItem, open_store
    >>> store = open_store(":memory:")
    >>> _ = store.enqueue([NewItem(ItemKey.message("Thanks!"), "Thanks!", "de", candidates=[Candidate("Danke!")])],
    ...                   who="bot")
    >>> path = os.path.join(tempfile.mkdtemp(), "de.po")
    >>> export_po(store, path, locale="de")
    1
    >>> entry = polib.pofile(path)[0]
    >>> entry.msgstr, entry.fuzzy, entry.comment.splitlines()[0]
    ('Danke!', True, 'toneloc: id=1 state=needs-review engine=human')
    """
    import polib
    from babel.messages.plurals import get_plural

    loc = parse_locale(locale)
    tag = locale_tag(loc)
    po = polib.POFile(wrapwidth=0)
    plural = get_plural(str(loc))
    po.metadata = {
        "Project-Id-Version": "toneloc review export",
        "Language": str(loc),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
        "X-Generator": "toneloc review",
    }
    items = _items(store, tag, states, viewer)
    if any(i.masked for i in items):
        po.metadata["X-Toneloc-Masked"] = "personal data masked for " + str(viewer)
    for item in items:
        meta = dict(item.meta)
        text, forms = _text_and_forms(item)
        key = item.key
        comment_lines = [c for c in str(meta.get("comment", "")).splitlines() if c]
        comment_lines.append(_provenance(item))
        comment_lines.append(_KEY + " " + json.dumps(key.to_dict(), ensure_ascii=False, sort_keys=True))
        comment_lines += [f"{_NOTE} {c.author}: {' '.join(c.text.split())}" for c in item.comments]
        flags = [f for f in meta.get("flags", []) if f != "fuzzy"]
        if item.state is not ReviewState.APPROVED:
            flags.insert(0, "fuzzy")
        entry = polib.POEntry(
            msgid=item.source,
            msgctxt=key.msgctxt if key.kind == "msg" else key.label(),
            occurrences=[tuple(o) for o in meta.get("occurrences", [])],
            flags=flags,
            comment="\n".join(comment_lines),
            tcomment=str(meta.get("tcomment", "")),
        )
        if item.previous_source is not None:
            entry.previous_msgid = item.previous_source
        elif meta.get("previous_msgid"):
            entry.previous_msgid = meta["previous_msgid"]
        for field_ in ("previous_msgctxt", "previous_msgid_plural"):
            if meta.get(field_):
                setattr(entry, field_, meta[field_])
        if key.msgid_plural is not None:
            entry.msgid_plural = key.msgid_plural
            all_forms = list(forms) or [text]
            entry.msgstr_plural = {i: all_forms[i] if i < len(all_forms) else "" for i in range(plural.num_plurals)}
        else:
            entry.msgstr = text
        po.append(entry)
    atomic_write(path, str(po).encode("utf-8"))
    return len(items)


def _check_locale(found: str | None, wanted: LocaleLike | None, path: Path) -> str:
    if wanted is not None:
        tag = locale_tag(parse_locale(wanted))
        if found and locale_tag(parse_locale(found)) != tag:
            raise CatalogError(f"the file is for locale {locale_tag(found)}, not {tag}", path=path,
                               hint="pass the matching --locale")
        return tag
    if not found:
        raise CatalogError("the file does not say its locale", path=path, line=1, hint="pass --locale")
    try:
        return locale_tag(parse_locale(found))
    except UnknownLocaleError as exc:
        raise CatalogError(f"unknown locale {found!r} in the file", path=path, hint=exc.hint) from exc


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror}", path=path) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError("not valid UTF-8", path=path, line=line, hint="save the file as UTF-8") from exc


_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+)?"(?:[^"\\]|\\.)*"\s*$')


def _check_po_syntax(text: str, path: Path) -> None:
    """Stricter than polib, which silently accepts e.g. an unterminated string."""
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(stripped):
            raise CatalogError(f"malformed PO file: cannot read {stripped[:40]!r}", path=path, line=n,
                               hint="each line is a comment, a keyword with a quoted string, or a quoted string")


def read_po(path: str | os.PathLike[str], *, locale: LocaleLike | None = None) -> tuple[str, list[ImportRecord]]:
    """Parse a reviewed ``.po`` file: ``(locale tag, records)``. Raises ``CatalogError`` with the line."""
    import polib

    p = Path(path)
    text = _read_text(p)
    if not text.strip():
        raise CatalogError("empty file, not a PO catalog", path=p, line=1)
    _check_po_syntax(text, p)
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise CatalogError(f"malformed PO file: {str(exc).replace('in po file ', '')}", path=p,
                           line=int(m.group(1)) if m else None,
                           hint="fix the entry at that line (msgfmt -c shows details)") from exc
    tag = _check_locale(po.metadata.get("Language"), locale, p)
    records: list[ImportRecord] = []
    for entry in po:
        if entry.obsolete or (entry.msgid == "" and not entry.msgctxt):
            continue
        key: ItemKey | None = None
        item_id: int | None = None
        # Our lines come last; other tools may have re-wrapped them, so read them as one joined text.
        lines = (entry.comment or "").splitlines()
        first = next((i for i, ln in enumerate(lines) if ln.startswith((_PROV, _KEY))), len(lines))
        dev_comment = lines[:first]
        ours = " ".join(lines[first:])
        m_id = re.search(r"\bid=(\d+)", ours)
        item_id = int(m_id.group(1)) if m_id else None
        at = ours.find(_KEY)
        if at >= 0:
            try:
                data, _ = json.JSONDecoder().raw_decode(ours[at + len(_KEY):].lstrip())
                key = ItemKey.from_dict(data)
            except (ValueError, TypeError) as exc:
                raise CatalogError(f"unreadable {_KEY} comment", path=p, line=entry.linenum,
                                   hint="restore the comment or delete it (then the msgid is used)") from exc
        if key is None:
            key = ItemKey.message(entry.msgid, msgctxt=entry.msgctxt, msgid_plural=entry.msgid_plural or None)
        forms: tuple[str, ...] = ()
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            text_ = forms[0] if forms else ""
        else:
            text_ = entry.msgstr
        meta: dict[str, Any] = {"path": str(p)}
        if entry.occurrences:
            meta["occurrences"] = [list(o) for o in entry.occurrences]
        flags = [f for f in entry.flags if f != "fuzzy"]
        if flags:
            meta["flags"] = flags
        if dev_comment:
            meta["comment"] = "\n".join(dev_comment)
        if entry.tcomment:
            meta["tcomment"] = entry.tcomment
        for field_ in ("previous_msgid", "previous_msgctxt", "previous_msgid_plural"):
            if getattr(entry, field_, None):
                meta[field_] = getattr(entry, field_)
        records.append(ImportRecord(
            key=key, source=entry.msgid, text=text_, approved=bool(text_) and not entry.fuzzy and all(forms),
            item_id=item_id, plural=forms, comment=entry.tcomment or None, line=entry.linenum, meta=meta,
        ))
    return tag, records


_XLIFF_STATE = {
    ReviewState.APPROVED: "final",
    ReviewState.NEEDS_REVIEW: "translated",
    ReviewState.IN_REVIEW: "translated",
    ReviewState.STALE: "translated",
    ReviewState.NEW: "initial",
    ReviewState.REJECTED: "initial",
}


def export_xliff(
    store: ReviewStore,
    path: str | os.PathLike[str],
    *,
    locale: LocaleLike,
    source_locale: LocaleLike = "en",
    states: Sequence[ReviewState] | None = None,
    viewer: str | None = None,
) -> int:
    """Write the items of *locale* to an XLIFF 2.0 file at *path* (atomically); returns the unit count.

    *viewer* masks personal data as in :func:`export_po`.
    """
    tag = locale_tag(parse_locale(locale))
    ET.register_namespace("", XLIFF_NS)
    ET.register_namespace("mda", MDA_NS)
    x = f"{{{XLIFF_NS}}}"
    m = f"{{{MDA_NS}}}"
    root = ET.Element(f"{x}xliff", {"version": "2.0", "srcLang": locale_tag(parse_locale(source_locale)),
                                     "trgLang": tag})
    file_el = ET.SubElement(root, f"{x}file", {"id": "toneloc-review"})
    items = _items(store, tag, states, viewer)
    for item in items:
        unit = ET.SubElement(file_el, f"{x}unit", {"id": f"u{item.id}", "name": item.key.label()[:200]})
        md = ET.SubElement(ET.SubElement(unit, f"{m}metadata"), f"{m}metaGroup", {"category": "toneloc"})
        meta_values = {"key": json.dumps(item.key.to_dict(), ensure_ascii=False, sort_keys=True),
                       "state": item.state.value, "provenance": _provenance(item)}
        text, forms = _text_and_forms(item)
        for i, form in enumerate(forms):
            meta_values[f"plural-{i}"] = form
        if item.meta:
            meta_values["meta"] = json.dumps(dict(item.meta), ensure_ascii=False, sort_keys=True)
        for k, v in meta_values.items():
            ET.SubElement(md, f"{m}meta", {"type": k}).text = v
        notes = ET.SubElement(unit, f"{x}notes")
        ET.SubElement(notes, f"{x}note", {"category": "provenance"}).text = _provenance(item)
        for c in item.comments:
            ET.SubElement(notes, f"{x}note", {"category": "comment"}).text = f"{c.author}: {c.text}"
        # XLIFF 2.0 allows a state past ``initial`` only with a <target>: no candidate, no translation yet.
        state = _XLIFF_STATE[item.state] if text else "initial"
        seg = ET.SubElement(unit, f"{x}segment", {"state": state, "subState": f"toneloc:{item.state.value}"})
        ET.SubElement(seg, f"{x}source").text = item.source
        if text:
            ET.SubElement(seg, f"{x}target").text = text
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    atomic_write(path, data)
    return len(items)


def _unit_line(raw: str, unit_id: str) -> int | None:
    m = re.search(r"<(?:\w+:)?unit\b[^>]*\bid=[\"']" + re.escape(unit_id) + r"[\"']", raw)
    return raw.count("\n", 0, m.start()) + 1 if m else None


def read_xliff(path: str | os.PathLike[str], *, locale: LocaleLike | None = None) -> tuple[str, list[ImportRecord]]:
    """Parse a reviewed XLIFF 2.0 file: ``(locale tag, records)``. Raises ``CatalogError`` with the line."""
    p = Path(path)
    raw = _read_text(p)
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        err_line, col = exc.position
        raise CatalogError(f"malformed XLIFF: {exc}", path=p, line=err_line,
                           column=col + 1, hint="the file is not well-formed XML") from exc
    x = f"{{{XLIFF_NS}}}"
    m = f"{{{MDA_NS}}}"
    if root.tag != f"{x}xliff" or root.get("version") != "2.0":
        raise CatalogError(f"not an XLIFF 2.0 document (root {root.tag}, version {root.get('version')})", path=p,
                           line=1, hint=f"expected <xliff version=\"2.0\" xmlns=\"{XLIFF_NS}\">")
    tag = _check_locale(root.get("trgLang"), locale, p)
    records: list[ImportRecord] = []
    for unit in root.iter(f"{x}unit"):
        uid = unit.get("id", "")
        unit_line = _unit_line(raw, uid)
        metas = {el.get("type", ""): el.text or "" for el in unit.iter(f"{m}meta")}
        segments = unit.findall(f"{x}segment")
        if not segments:
            raise CatalogError(f"unit {uid!r} has no <segment>", path=p, line=unit_line)
        seg = segments[0]
        src_el = seg.find(f"{x}source")
        if src_el is None:
            raise CatalogError(f"unit {uid!r} has no <source>", path=p, line=unit_line)
        source = "".join(src_el.itertext())
        tgt_el = seg.find(f"{x}target")
        target = "".join(tgt_el.itertext()) if tgt_el is not None else ""
        state = seg.get("state", "initial")
        if state not in ("initial", "translated", "reviewed", "final"):
            raise CatalogError(f"unit {uid!r}: unknown segment state {state!r}", path=p, line=unit_line,
                               hint="XLIFF 2.0 states are initial, translated, reviewed, final")
        try:
            key = ItemKey.from_dict(json.loads(metas["key"])) if "key" in metas else ItemKey.message(source)
            meta: dict[str, Any] = json.loads(metas["meta"]) if "meta" in metas else {}
        except (ValueError, TypeError) as exc:
            raise CatalogError(f"unit {uid!r}: unreadable toneloc metadata", path=p, line=unit_line) from exc
        meta["path"] = str(p)
        forms = tuple(metas[f"plural-{i}"] for i in range(len(metas)) if f"plural-{i}" in metas)
        if forms and target != forms[0]:
            forms = (target, *forms[1:])  # the translator edited the target: it is form 0
        item_id = int(uid[1:]) if re.fullmatch(r"u\d+", uid) else None
        records.append(ImportRecord(
            key=key, source=source, text=target, approved=state in ("reviewed", "final") and bool(target),
            item_id=item_id, plural=forms, comment=None, line=unit_line, meta=meta,
        ))
    return tag, records


def import_file(
    store: ReviewStore, path: str | os.PathLike[str], *, reviewer: str, locale: LocaleLike | None = None
) -> ImportSummary:
    """Read a reviewed ``.po``/``.xlf``/``.xliff`` file and apply it to *store* (all or nothing)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".po", ".pot"):
        tag, records = read_po(p, locale=locale)
    elif suffix in (".xlf", ".xliff", ".xml"):
        tag, records = read_xliff(p, locale=locale)
    else:
        raise CatalogError(f"unknown file type {suffix or '(none)'}", path=p, hint="use .po, .xlf or .xliff")
    return store.apply_import(records, locale=tag, reviewer=reviewer)

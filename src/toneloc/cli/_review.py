"""``toneloc review ...``: the translators' review queue.

``next`` is the interactive loop; ``list``, ``show``, ``approve``, ``reject``, ``comment``, ``stats``,
``export``, ``import``, ``erase``, ``purge`` and ``grant`` are for scripts (all accept ``--json``).
The store is ``--db PATH`` (or a ``postgresql://`` DSN), else ``$TONELOC_REVIEW_DB``, else
``~/.local/share/toneloc/review.db``. The reviewer is ``--reviewer`` or ``$TONELOC_REVIEWER`` and is
recorded on every change.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shlex
import subprocess
import sys
import tempfile
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from toneloc.cli import print_json
from toneloc.errors import ConfigError, InvalidInputError, TonelocError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from toneloc.review import ReviewItem, SQLReviewStore

REVIEWER_ENV = "TONELOC_REVIEWER"
_STATES = ("new", "needs-review", "in-review", "approved", "rejected", "stale")


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", metavar="PATH", help="review store: SQLite file or postgresql:// DSN "
                                               "(default: $TONELOC_REVIEW_DB or ~/.local/share/toneloc/review.db)")
    p.add_argument("--reviewer", help=f"who you are (default: ${REVIEWER_ENV}); recorded on every change")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return p


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _states(value: str) -> list[str]:
    out = _csv(value)
    bad = [s for s in out if s not in _STATES]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown state(s) {', '.join(bad)}; use {', '.join(_STATES)}")
    return out


def _reasons(value: str) -> list[str]:
    import sys

    from toneloc.errors import close_matches
    from toneloc.review._model import LEGACY_REASONS, REASON_CODES, canonical_reasons

    out = _csv(value)
    for old in dict.fromkeys(r for r in out if r in LEGACY_REASONS):
        print(f"toneloc review: note: --reason {old} is the legacy name of {LEGACY_REASONS[old]} "
              "(items stored with either tag are matched)", file=sys.stderr)
    out = canonical_reasons(out)
    bad = [r for r in out if r not in REASON_CODES]
    if bad:
        near = sorted({m for b in bad for m in close_matches(b, list(REASON_CODES))})
        raise argparse.ArgumentTypeError(f"unknown reason code(s) {', '.join(bad)}; "
                                         + (f"did you mean {', '.join(near)}? " if near else "")
                                         + "codes: " + ", ".join(REASON_CODES))
    return out


def register(parser: argparse.ArgumentParser) -> None:
    common = _common()
    sub = parser.add_subparsers(dest="review_command", metavar="SUBCOMMAND")
    sub.required = True

    p = sub.add_parser("next", parents=[common], help="review items one by one (interactive)")
    p.add_argument("--locale", required=True, help="target locale to review: de (also de-DE, de-AT...) or de-AT")
    p.add_argument("--reason", type=_reasons, default=None,
                   help="only items flagged with these reason codes (placeholder,low-confidence; see docs/review.md; "
                   "the legacy tags needs-translation and mt-risk are aliases of untranslated and low-confidence)")
    p.add_argument("--state", type=_states, default=None, help="only these states (new,needs-review,stale)")
    p.add_argument("--lease", type=float, default=15.0, metavar="MIN", help="claim lease in minutes (15)")
    p.add_argument("--inline", action="store_true", help="edit inline even when $EDITOR is set")
    p.set_defaults(func=run_next)

    p = sub.add_parser("list", parents=[common], help="list items")
    p.add_argument("--locale")
    p.add_argument("--state", type=_states, default=None)
    p.add_argument("--reason", type=_reasons, default=None, help="only items with these reason codes (a,b; legacy "
                   "needs-translation = untranslated, mt-risk = low-confidence)")
    p.add_argument("--customer", help="only items of this customer id")
    p.add_argument("--limit", type=int, default=None)
    p.set_defaults(func=run_list)

    p = sub.add_parser("show", parents=[common], help="show one item with its history")
    p.add_argument("id", type=int)
    p.set_defaults(func=run_show)

    p = sub.add_parser("approve", parents=[common], help="approve an item")
    p.add_argument("id", type=int)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--text", help="approve this text (checked for placeholders and tags)")
    g.add_argument("--candidate", type=int, default=1, help="approve candidate number N (1 = best)")
    g.add_argument("--plural", action="append", metavar="FORM",
                   help="a plural message: give every form of the locale in msgstr order (repeat the flag)")
    p.set_defaults(func=run_approve)

    p = sub.add_parser("reject", parents=[common], help="reject an item's candidates")
    p.add_argument("id", type=int)
    p.add_argument("--note", required=True, help="why (stored as a comment)")
    p.set_defaults(func=run_reject)

    p = sub.add_parser("comment", parents=[common], help="comment on an item")
    p.add_argument("id", type=int)
    p.add_argument("text")
    p.set_defaults(func=run_comment)

    p = sub.add_parser("stats", parents=[common], help="counts per locale and state")
    p.set_defaults(func=run_stats)

    p = sub.add_parser("export", parents=[common], help="export items to .po or XLIFF 2.0 (atomic write)")
    p.add_argument("--locale", required=True)
    p.add_argument("-o", "--output", required=True, help="file to write (.po, .xlf, .xliff)")
    p.add_argument("--format", choices=("po", "xliff"), default=None, help="default: from the file suffix")
    p.add_argument("--state", type=_states, default=None)
    p.add_argument("--source-locale", default="en", help="source language for XLIFF srcLang (en)")
    p.set_defaults(func=run_export)

    p = sub.add_parser("import", parents=[common], help="import a reviewed .po or XLIFF file (all or nothing)")
    p.add_argument("path")
    p.add_argument("--locale", default=None, help="default: the file's Language / trgLang")
    p.set_defaults(func=run_import)

    p = sub.add_parser("erase", parents=[common], help="erase every trace of a customer (GDPR)")
    p.add_argument("--customer", required=True)
    p.set_defaults(func=run_erase)

    p = sub.add_parser("purge", parents=[common], help="delete resolved items older than the retention period")
    p.add_argument("--older-than", type=float, required=True, metavar="DAYS")
    p.set_defaults(func=run_purge)

    p = sub.add_parser("grant", parents=[common], help="let a reviewer see unmasked personal data")
    p.add_argument("who")
    p.add_argument("--revoke", action="store_true", help="take the right away instead")
    p.set_defaults(func=run_grant)


# -- plumbing ------------------------------------------------------------------------------------
def _store(args: argparse.Namespace) -> SQLReviewStore:
    from toneloc.review import open_store

    return open_store(args.db or None)


def _reviewer(args: argparse.Namespace, *, required: bool = True) -> str | None:
    who = args.reviewer or os.environ.get(REVIEWER_ENV)
    if not who and required:
        raise ConfigError("who is reviewing? every change records a reviewer",
                          hint=f"pass --reviewer NAME or set {REVIEWER_ENV}")
    return who or None


def _viewer(args: argparse.Namespace) -> str:
    return _reviewer(args, required=False) or "anonymous"  # no identity: personal data stays masked


def _console() -> Console:
    from rich.console import Console

    width = None if sys.stdout.isatty() else 80
    return Console(highlight=False, soft_wrap=False, width=width)


def _styled(text: str, base: str = "") -> Text:
    """*text* with protected placeholders highlighted."""
    from rich.text import Text

    from toneloc.review._checks import PLACEHOLDER_RE

    out = Text(text, style=base)
    for m in PLACEHOLDER_RE.finditer(text):
        out.stylize("bold magenta", m.start(), m.end())
    return out


def word_diff(old: str, new: str) -> str:
    """A word diff: ``[-removed-]{+added+}`` (readable without colour).

    >>> word_diff("Your order has shipped.", "Your order is on its way.")
    'Your order [-has shipped.-]{+is on its way.+}'
    """
    a, b = old.split(" "), new.split(" ")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out).replace("-] {+", "-]{+")


def _alternatives(item: ReviewItem) -> list[tuple[str, str]]:
    """``(text, where it came from)`` for every distinct proposal; the first is the best candidate."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for n, cand in enumerate(item.candidates, 1):
        if cand.text not in seen:
            seen.add(cand.text)
            out.append((cand.text, f"candidate {n}: {cand.provenance()}"))
        for h in cand.hypotheses:
            if h.text not in seen:
                seen.add(h.text)
                score = f", score {h.score:.3g}" if h.score is not None else ""
                out.append((h.text, f"hypothesis of candidate {n}{score}"))
    return out


def render_item(console: Console, item: ReviewItem) -> None:
    """Print an item for a reviewer (fits 80 columns, plain when piped)."""
    from rich.table import Table
    from rich.text import Text

    head = Text(f"#{item.id}  {item.locale}  ", style="bold")
    state = item.state.value
    claims = [h for h in item.history if h.action == "claim"]
    if state == "in-review" and claims and claims[-1].before.get("state"):
        state += f" (was {claims[-1].before['state']})"
    head.append(state, style="yellow" if "stale" in state or "needs-review" in state else "cyan")
    head.append(f"  {item.key.label()[:60]}", style="dim")
    console.print(head)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("Source", _styled(item.source))
    if item.previous_source is not None:
        grid.add_row("Changed", Text(word_diff(item.previous_source, item.source), style="yellow"))
    if item.translation is not None:
        grid.add_row("Approved", _styled(item.translation))
    alts = _alternatives(item)
    if alts:
        grid.add_row("Candidate", _styled(alts[0][0], "green"))
        grid.add_row("", Text(alts[0][1], style="dim"))
        for n, (text, origin) in enumerate(alts[1:], 2):
            row = Text(f"{n}. ")
            row.append_text(_styled(text))
            row.append(f"  ({origin})", style="dim")
            grid.add_row("Alternative" if n == 2 else "", row)
    if item.reasons:
        grid.add_row("Flagged", Text(", ".join(item.reasons), style="red"))
    rules = sorted({r for c in item.candidates for r in c.tone_rules})
    if rules:
        grid.add_row("Tone rules", Text(", ".join(rules)))
    checks = {k: v for c in item.candidates[:1] for k, v in c.checks.items()}
    if checks:
        grid.add_row("Checks", Text("; ".join(f"{k}: {v}" for k, v in checks.items())))
    for c in item.comments:
        grid.add_row("Comment", Text(f"{c.author}: {c.text}"))
    if item.customer_id:
        grid.add_row("Customer", Text(item.customer_id + ("  (personal data masked)" if item.masked else "")))
    console.print(grid)


def _emit(args: argparse.Namespace, obj: Any, text: str) -> int:
    if args.json:
        print_json(obj)
    else:
        print(text)
    return 0


# -- the interactive loop --------------------------------------------------------------------------
_KEYS = "[a]ccept  [e]dit  [2-9] pick alternative  [r]eject  [c]omment  [s]kip  [q]uit"


def _ask(console: Console, prompt: str) -> str | None:
    from rich.text import Text

    try:
        return console.input(Text(prompt))
    except (EOFError, RuntimeError):  # end of input, or "input(): lost sys.stdin"
        return None


def _edit_text(args: argparse.Namespace, console: Console, start: str) -> str | None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor and not args.inline:
        fd, path = tempfile.mkstemp(prefix="toneloc-review-", suffix=".txt")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(start + "\n")
            if subprocess.run([*shlex.split(editor), path], check=False).returncode != 0:
                console.print("editor failed; nothing saved")
                return None
            with open(path, encoding="utf-8") as fh:
                return fh.read().rstrip("\n")
        finally:
            os.unlink(path)
    console.print(f"current: {start}", markup=False)
    return _ask(console, "new text> ")


def _forms_for(item: ReviewItem, console: Console, args: argparse.Namespace,
               start: str) -> tuple[str, tuple[str, ...]] | None:
    """Edit the text (and, for a plural message, every plural form)."""
    text = _edit_text(args, console, start)
    if text is None:
        return None
    if item.key.msgid_plural is None:
        return text, ()
    from toneloc.review._checks import plural_count

    forms = [text]
    current = item.translation_plural or (item.candidate.plural_forms if item.candidate else ())
    for i in range(1, plural_count(item.locale)):
        prev = current[i] if i < len(current) else ""
        got = _ask(console, f"plural form {i} [{prev}]> ")
        if got is None:
            return None
        forms.append(got or prev)
    return text, tuple(forms)


def run_next(args: argparse.Namespace) -> int:
    from toneloc.locale import locale_tag, parse_locale
    from toneloc.review import PERSONAL_DATA_RIGHT, ReviewState, check_edit, mask_item, unmask

    reviewer = _reviewer(args)
    assert reviewer is not None
    locale = locale_tag(parse_locale(args.locale))
    if sys.stdin is None or getattr(sys.stdin, "closed", False):
        from toneloc.errors import ReviewError

        raise ReviewError("`review next` is interactive but standard input is closed", path="<stdin>",
                          hint="run it in a terminal, or use `toneloc review approve/reject` or export/import")
    console = _console()
    store = _store(args)
    states = [ReviewState(s) for s in args.state] if args.state else None
    lease = timedelta(minutes=args.lease)
    see_all = store.has_right(reviewer, PERSONAL_DATA_RIGHT)
    skipped: list[int] = []
    done = {"approved": 0, "rejected": 0, "skipped": 0}
    try:
        while True:
            raw = store.claim_next(reviewer, locale=locale, states=states, reasons=args.reason, lease=lease,
                                   exclude=skipped, variants=True)
            if raw is None:
                console.print(f"No more items to review for {locale}.")
                break
            item, mapping = (raw, {}) if see_all else mask_item(raw)
            console.rule()
            render_item(console, item)
            alts = _alternatives(item)
            raw_alts = _alternatives(raw)
            while True:
                choice = _ask(console, f"{_KEYS}\n> ")
                if choice is None or choice.strip().lower() in ("q", "quit"):
                    store.release(raw.id, reviewer=reviewer)
                    console.print(_summary(done))
                    return 0
                c = choice.strip().lower()
                if not _keep_claim(store, console, raw.id, reviewer, lease):
                    break
                try:
                    if c in ("a", "accept", "") and raw_alts:
                        store.approve(raw.id, reviewer=reviewer, text=raw_alts[0][0],
                                      plural=raw.candidates[0].plural_forms, seen_source=raw.source)
                        console.print(f"approved #{raw.id}")
                        done["approved"] += 1
                        break
                    if c.isdigit() and 1 <= int(c) <= len(raw_alts):
                        store.approve(raw.id, reviewer=reviewer, text=raw_alts[int(c) - 1][0], seen_source=raw.source)
                        console.print(f"approved #{raw.id} with alternative {c}")
                        done["approved"] += 1
                        break
                    if c in ("e", "edit"):
                        edited = _forms_for(item, console, args, alts[0][0] if alts else "")
                        if edited is None:
                            continue
                        if not _keep_claim(store, console, raw.id, reviewer, lease):  # the edit may take long
                            break
                        text, forms = unmask(edited[0], mapping), tuple(unmask(f, mapping) for f in edited[1])
                        problems = check_edit(raw.source, text, plural_forms=forms[1:], locale=raw.locale,
                                              source_plural=raw.key.msgid_plural)
                        if problems:
                            console.print("not saved:")
                            for pr in problems:
                                console.print(f"  - {pr}", markup=False)
                            continue
                        store.approve(raw.id, reviewer=reviewer, text=text, plural=forms, seen_source=raw.source)
                        console.print(f"approved #{raw.id} with your edit")
                        done["approved"] += 1
                        break
                    if c in ("r", "reject"):
                        note = _ask(console, "why? > ")
                        if not note or not note.strip():
                            console.print("a rejection needs a note; not rejected")
                            continue
                        store.reject(raw.id, reviewer=reviewer, note=unmask(note, mapping))
                        console.print(f"rejected #{raw.id}")
                        done["rejected"] += 1
                        break
                    if c in ("c", "comment"):
                        remark = _ask(console, "comment> ")
                        if remark and remark.strip():
                            store.comment(raw.id, author=reviewer, text=unmask(remark, mapping))
                            console.print("comment saved")
                        continue
                    if c in ("s", "skip"):
                        store.release(raw.id, reviewer=reviewer)
                        skipped.append(raw.id)
                        done["skipped"] += 1
                        break
                    console.print(f"unknown key {choice.strip()!r}", markup=False)
                except TonelocError as exc:
                    console.print(f"error: {exc}", markup=False)
    finally:
        store.close()
    console.print(_summary(done))
    return 0


def _keep_claim(store: SQLReviewStore, console: Console, item_id: int, reviewer: str, lease: timedelta) -> bool:
    """Renew the claim before acting on it; ``False`` (and a message) when another reviewer took it over."""
    from toneloc.errors import ReviewStateError

    try:
        store.renew(item_id, reviewer=reviewer, lease=lease)
    except ReviewStateError as exc:
        console.print(f"your claim on #{item_id} ran out and was taken over ({exc.message}); moving on",
                      markup=False)
        return False
    return True


def _summary(done: dict[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in done.items())


# -- scripting subcommands -------------------------------------------------------------------------
def run_list(args: argparse.Namespace) -> int:
    from toneloc.review import ReviewState

    with _store(args) as store:
        items = store.list(locale=args.locale, states=[ReviewState(s) for s in args.state] if args.state else None,
                           reasons=args.reason, customer_id=args.customer, limit=args.limit, viewer=_viewer(args),
                           variants=True)
    if args.json:
        print_json([i.to_dict() for i in items])
        return 0
    from rich.table import Table
    from rich.text import Text

    console = _console()
    table = Table(box=None, show_edge=False, pad_edge=False)
    for col in ("id", "locale", "state", "source", "candidate"):
        table.add_column(col, overflow="ellipsis", no_wrap=col != "source", max_width=30 if col != "id" else 7)
    for i in items:
        cand = i.translation or (i.candidate.text if i.candidate else "")
        table.add_row(str(i.id), i.locale, i.state.value, Text(i.source), Text(cand))
    console.print(table)
    return 0


def run_show(args: argparse.Namespace) -> int:
    with _store(args) as store:
        item = store.get(args.id, viewer=_viewer(args))
    if args.json:
        print_json(item.to_dict())
        return 0
    console = _console()
    render_item(console, item)
    console.print("History (UTC)", style="bold")
    for h in item.history:
        console.print(f"  {h.at.strftime('%Y-%m-%d %H:%M')}  {h.who:<10} {h.action:<14} "
                      f"{_change(h.before, h.after)}", overflow="fold", markup=False)
    return 0


def _change(before: Any, after: Any) -> str:
    """What a history entry changed, briefly: ``state needs-review -> approved; translation "..."``.

    >>> _change({"state": "stale", "claimed_by": None}, {"state": "in-review", "claimed_by": "ana"})
    'state stale -> in-review; claimed_by ana'
    """
    parts = []
    for key in ("state", "claimed_by", "source", "translation", "comment"):
        if key not in after or dict(before).get(key) == after[key] or after[key] is None:
            continue
        value = after[key]
        if key == "state" and dict(before).get("state"):
            parts.append(f"state {before['state']} -> {value}")
        elif key in ("source", "translation", "comment"):
            parts.append(f'{key} "{value}"')
        else:
            parts.append(f"{key} {value}")
    return "; ".join(parts) or "-"


def _restore(store: SQLReviewStore, item_id: int, reviewer: str, text: str) -> str:
    """*text* typed by *reviewer*, with masks they saw (``[EMAIL-1]``) turned back into the values."""
    from toneloc.review import PERSONAL_DATA_RIGHT, mask_item, unmask

    if store.has_right(reviewer, PERSONAL_DATA_RIGHT):
        return text
    return unmask(text, mask_item(store.get(item_id))[1])


def run_approve(args: argparse.Namespace) -> int:
    from toneloc.review import check_edit

    reviewer = _reviewer(args)
    assert reviewer is not None
    with _store(args) as store:
        if args.plural:
            current = store.get(args.id)
            forms = [_restore(store, args.id, reviewer, f) for f in args.plural]
            problems = check_edit(current.source, forms[0], plural_forms=forms[1:], locale=current.locale,
                                  source_plural=current.key.msgid_plural)
            if problems:
                raise InvalidInputError(f"item {args.id}: edit not saved: " + "; ".join(map(str, problems)),
                                        hint="keep every placeholder and tag; one --plural per form")
            item = store.approve(args.id, reviewer=reviewer, plural=forms)
        elif args.text is not None:
            current = store.get(args.id)
            text = _restore(store, args.id, reviewer, args.text)
            problems = check_edit(current.source, text, locale=current.locale)
            if problems:
                raise InvalidInputError(f"item {args.id}: edit not saved: " + "; ".join(map(str, problems)),
                                        hint="keep every placeholder and tag of the source")
            item = store.approve(args.id, reviewer=reviewer, text=text)
        else:
            item = store.approve(args.id, reviewer=reviewer, candidate=args.candidate - 1)
        shown = store.get(item.id, viewer=reviewer)
    return _emit(args, shown.to_dict(), f"approved #{item.id}: {shown.translation}")


def run_reject(args: argparse.Namespace) -> int:
    reviewer = _reviewer(args)
    assert reviewer is not None
    with _store(args) as store:
        item = store.reject(args.id, reviewer=reviewer, note=_restore(store, args.id, reviewer, args.note))
        shown = store.get(item.id, viewer=reviewer)
    return _emit(args, shown.to_dict(), f"rejected #{item.id}")


def run_comment(args: argparse.Namespace) -> int:
    reviewer = _reviewer(args)
    assert reviewer is not None
    with _store(args) as store:
        item = store.comment(args.id, author=reviewer, text=_restore(store, args.id, reviewer, args.text))
        shown = store.get(item.id, viewer=reviewer)
    return _emit(args, shown.to_dict(), f"commented on #{item.id}")


def run_stats(args: argparse.Namespace) -> int:
    with _store(args) as store:
        stats = store.stats()
    if args.json:
        print_json(stats)
        return 0
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    table.add_column("locale")
    for st in _STATES:
        table.add_column(st, justify="right")
    table.add_column("total", justify="right")
    for loc, counts in stats.items():
        table.add_row(loc, *(str(counts.get(st, 0)) for st in _STATES), str(sum(counts.values())))
    _console().print(table)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from toneloc.review import ReviewState
    from toneloc.review.exchange import export_po, export_xliff

    fmt = args.format or ("po" if args.output.lower().endswith((".po", ".pot")) else
                          "xliff" if args.output.lower().endswith((".xlf", ".xliff")) else None)
    if fmt is None:
        raise ConfigError(f"cannot tell the format of {args.output}", hint="use a .po/.xlf suffix or --format")
    states = [ReviewState(s) for s in args.state] if args.state else None
    viewer = _viewer(args)
    with _store(args) as store:
        if fmt == "po":
            n = export_po(store, args.output, locale=args.locale, states=states, viewer=viewer)
        else:
            n = export_xliff(store, args.output, locale=args.locale, states=states,
                             source_locale=args.source_locale, viewer=viewer)
    return _emit(args, {"path": args.output, "format": fmt, "count": n}, f"wrote {n} item(s) to {args.output}")


def run_import(args: argparse.Namespace) -> int:
    from toneloc.review.exchange import import_file

    reviewer = _reviewer(args)
    assert reviewer is not None
    with _store(args) as store:
        summary = import_file(store, args.path, reviewer=reviewer, locale=args.locale)
    d = summary.to_dict()
    return _emit(args, d, "imported: " + ", ".join(f"{v} {k}" for k, v in d.items()))


def run_erase(args: argparse.Namespace) -> int:
    reviewer = _reviewer(args)
    assert reviewer is not None
    with _store(args) as store:
        n = store.erase(args.customer, who=reviewer)
    return _emit(args, {"customer": args.customer, "erased": n}, f"erased {n} item(s) of customer {args.customer}")


def run_purge(args: argparse.Namespace) -> int:
    reviewer = _reviewer(args)
    assert reviewer is not None
    with _store(args) as store:
        n = store.purge(older_than=timedelta(days=args.older_than), who=reviewer)
    return _emit(args, {"purged": n, "older_than_days": args.older_than},
                 f"purged {n} resolved item(s) older than {args.older_than:g} days")


def run_grant(args: argparse.Namespace) -> int:
    reviewer = _reviewer(args)
    assert reviewer is not None
    from toneloc.errors import ReviewError
    from toneloc.review import PERSONAL_DATA_RIGHT

    with _store(args) as store:
        # Only a holder of the right hands it on; the very first grant (nobody holds it yet) bootstraps.
        if not store.has_right(reviewer, PERSONAL_DATA_RIGHT) and store.rights_holders(PERSONAL_DATA_RIGHT):
            raise ReviewError(f"{reviewer} does not hold the personal-data right, so cannot grant or revoke it",
                              hint="ask a reviewer who holds it (`toneloc review grant` run by them)")
        if args.revoke:
            store.revoke(args.who)
        else:
            store.grant(args.who)
    verb = "revoked" if args.revoke else "granted"
    return _emit(args, {"reviewer": args.who, "right": "personal-data", verb: True, "by": reviewer},
                 f"{verb} personal-data for {args.who}")

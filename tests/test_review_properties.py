"""Property tests: the state machine under random action sequences, masking, edit checks."""

from __future__ import annotations

import random
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from toneloc.errors import InvalidInputError, ReviewStateError
from toneloc.review import (
    TRANSITIONS,
    Candidate,
    ItemKey,
    NewItem,
    ReviewState,
    SQLiteReviewStore,
    check_edit,
    iban_ok,
    luhn_ok,
    mask_text,
    placeholders,
    unmask,
)

ACTIONS = ("claim-a", "claim-b", "approve-a", "approve-b", "reject-a", "reopen-a", "release-a", "source", "expire")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@given(st.lists(st.sampled_from(ACTIONS), max_size=25))
def test_random_action_sequences_keep_the_invariants(actions: list[str]) -> None:
    """Whatever reviewers do: every state change follows the table and is in the history; a refused
    action changes nothing; an approved item always has a translation; two leases never overlap."""
    clock = Clock()
    store = SQLiteReviewStore(":memory:", clock=clock)
    key = ItemKey.message("Hello {name}")
    [iid] = store.enqueue([NewItem(key, "Hello {name}", "de", candidates=[Candidate("Hallo {name}")])], who="bot")
    n_source = 0
    for action in actions:
        before = store.get(iid)
        who = action.rsplit("-", 1)[-1]
        try:
            if action.startswith("claim"):
                store.claim_next(who, locale="de", lease=timedelta(seconds=60))
            elif action.startswith("approve"):
                store.approve(iid, reviewer=who)
            elif action == "reject-a":
                store.reject(iid, reviewer="a", note="no")
            elif action == "reopen-a":
                store.reopen(iid, reviewer="a")
            elif action == "release-a":
                store.release(iid, reviewer="a")
            elif action == "source":
                n_source += 1
                store.update_source(key, source=f"Hello {{name}} v{n_source}", who="ci")
            else:
                clock.now += 61
                continue
        except (ReviewStateError, InvalidInputError):
            assert store.get(iid) == before  # refused: nothing written
            continue
        after = store.get(iid)
        if after.state is not before.state:
            assert after.state in TRANSITIONS[before.state], (before.state, after.state)
            changes = [h for h in after.history if "state" in h.after]
            assert changes[-1].after["state"] == after.state.value
        if after.state is ReviewState.APPROVED:
            assert after.translation == "Hallo {name}"
        if after.state is ReviewState.IN_REVIEW:
            assert after.claimed_by in ("a", "b")
            assert after.lease_until is not None
    store.close()


def _luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError("unreachable")  # pragma: no cover


@given(st.text(alphabet="0123456789", min_size=15, max_size=15), st.sampled_from([" ", "-", ""]))
def test_every_luhn_valid_card_is_masked_and_restored(digits: str, sep: str) -> None:
    """Any Luhn-valid 16-digit number (grouped by 4 with spaces, dashes or nothing) is masked; unmask restores it."""
    number = _luhn_complete("4" + digits[1:])
    shown = sep.join(number[i:i + 4] for i in range(0, 16, 4))
    text = f"Paid with {shown} yesterday."
    masked, mapping = mask_text(text)
    assert masked == "Paid with [CARD-1] yesterday."
    assert unmask(masked, mapping) == text


@given(st.text(min_size=0, max_size=80))
def test_mask_then_unmask_is_identity(text: str) -> None:
    """Masking never loses text: unmask(mask(x)) == x for any input."""
    masked, mapping = mask_text(text)
    assert unmask(masked, mapping) == text


def test_iban_and_card_checks_reject_near_misses() -> None:
    """A changed digit breaks the mod-97 / Luhn check, so the number is not treated as personal data."""
    assert iban_ok("GB82 WEST 1234 5698 7654 32")
    assert not iban_ok("GB82 WEST 1234 5698 7654 33")
    assert mask_text("ref GB82 WEST 1234 5698 7654 33")[0] == "ref GB82 WEST 1234 5698 7654 33"
    assert mask_text("write to a.b+c@mail.example.co.uk now")[0] == "write to [EMAIL-1] now"
    assert mask_text("call 030 1234567 or +33 1 23 45 67 89")[0] == "call [PHONE-1] or [PHONE-2]"
    assert mask_text("ticket 123456789 and (212) 555-0147")[0] == "ticket 123456789 and [PHONE-1]"


NAMES = st.from_regex(r"[a-z_]{1,8}", fullmatch=True)


@given(st.lists(NAMES, min_size=1, max_size=5, unique=True), st.randoms())
def test_reordered_placeholders_pass_and_dropped_ones_fail(names: list[str], rnd: random.Random) -> None:
    """Word order may change (placeholders move); dropping or renaming one is always caught."""
    source = " and ".join(f"{{{n}}}" for n in names)
    moved = names[:]
    rnd.shuffle(moved)
    assert check_edit(source, " und ".join(f"{{{n}}}" for n in moved)) == ()
    dropped = " und ".join(f"{{{n}}}" for n in moved[1:]) or "leer"
    assert [p.code for p in check_edit(source, dropped)] == ["placeholder-missing"]
    assert placeholders(source) == tuple(sorted(f"{{{n}}}" for n in names))


def test_plural_and_tag_checks() -> None:
    """Plural messages need the locale's number of forms; tags must match."""
    assert check_edit("{n} message", "{n} Nachricht", plural_forms=("{n} Nachrichten",), locale="de",
                      source_plural="{n} messages") == ()
    problems = check_edit("{n} message", "{n} сообщение", plural_forms=("{n} сообщения",), locale="ru",
                          source_plural="{n} messages")
    assert [p.code for p in problems] == ["plural-forms"]
    assert [p.code for p in check_edit("<b>Hi</b>", "<i>Hallo</i>")] == ["tags"]

"""Indonesian directness against the reviewed table ``tests/data/tone/directness_id.tsv``.

Every row is its own test case: ``rewrite(source, "id-ID", directness=target)`` must give the
``expected`` text exactly; rows marked ``review = yes`` must come back unchanged *and* set
``needs_review`` (the rules cannot rewrite them reliably). On top of that: idempotence (the expected
text is a fixed point), and the do-no-harm invariants of issue 7 (negations, numbers, placeholders,
URLs, code and quoted text unchanged), property-tested on sentences recombined from the table.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directness_table import Row, table
from toneloc.rules._base import protected_spans
from toneloc.rules.id import ID_NEGATION
from toneloc.tone import check_register, rewrite

DIGITS = regex.compile(r"\d+")


def rows() -> tuple[Row, ...]:
    """The table rows (``#`` lines are the cited header, then the column header)."""
    return table("id")


def test_table_size_and_balance() -> None:
    """Issue 7: at least 100 reviewed sentences; both directions and do-no-harm rows are present."""
    table = rows()
    assert len(table) >= 100
    assert sum(r.target == "indirect" for r in table) >= 60
    assert sum(r.target == "direct" for r in table) >= 25
    assert sum(r.review for r in table) >= 10
    assert all(r.source == r.expected for r in table if r.review)
    assert len({(r.source, r.target) for r in table}) == len(table), "duplicate rows"


@pytest.mark.parametrize("row", rows(), ids=lambda r: f"line{r.line}")
def test_row(row: Row) -> None:
    """The rewrite gives the reviewed text; review rows are unchanged and flagged."""
    res = rewrite(row.source, "id-ID", directness=row.target)  # type: ignore[arg-type]
    assert res.text == row.expected, f"line {row.line} ({row.note})"
    if row.review:
        assert res.needs_review, f"line {row.line}: not flagged"
        assert res.reasons
    assert rewrite(row.expected, "id-ID", directness=row.target).text == row.expected  # type: ignore[arg-type]


def test_edits_reproduce_the_text() -> None:
    """The edits of a directness rewrite have offsets into the source and rebuild the result."""
    src = "Terima kasih atas pesan Anda. Kirim nomor pesanan {order}. Kami tidak bisa mengubah alamat."
    res = rewrite(src, "id-ID", directness="indirect")
    assert res.text == (
        "Terima kasih atas pesan Anda. Mohon kirim nomor pesanan {order}. Mohon maaf, kami tidak dapat mengubah alamat."
    )
    assert {e.rule_id for e in res.edits} == {"id.soften.request", "id.soften.refusal"}
    for e in res.edits:
        assert src[e.start : e.end] == e.before


def _invariants(src: str, out: str) -> None:
    assert sorted(m.lower() for m in ID_NEGATION.findall(src)) == sorted(m.lower() for m in ID_NEGATION.findall(out))
    assert sorted(DIGITS.findall(src)) == sorted(DIGITS.findall(out))
    for s, e in protected_spans(src):
        assert src[s:e] in out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.sampled_from([r.source for r in rows()]), min_size=1, max_size=4),
    target=st.sampled_from(["direct", "indirect"]),
)
def test_do_no_harm_property(picks: list[str], target: str) -> None:
    """Recombined sentences: no negation, number or protected span is lost; the rewrite is idempotent."""
    src = " ".join(picks)
    out = rewrite(src, "id-ID", directness=target).text  # type: ignore[arg-type]
    _invariants(src, out)
    assert rewrite(out, "id-ID", directness=target).text == out  # type: ignore[arg-type]


# --------------------------------------------------------------------------- vi formality (tone-vi-pt)
# Self-written support sentences (not development rows) for the Vietnamese rules of round 4.
VI_CASES = [
    # a bare "Hả?" (pardon?) asks back: "Dạ?" to a customer, not the particle "ạ?"
    ("Hả? Bạn nói gì?", "Dạ? Quý vị nói gì ạ?"),
    # calling the listener: "Bạn ơi, ..." -> "Thưa quý vị, ..."; a closing "bạn ơi" gets one ạ, not two
    ("Bạn ơi, mình gửi mã rồi nhé.", "Thưa quý vị, tôi gửi mã rồi ạ."),
    ("Cảm ơn bạn ơi!", "Cảm ơn quý vị ạ!"),
    # answer words take the fused deferential "Dạ" at the reply's start and after a question
    ("Bạn đã nhận được hàng chưa? Chưa, tôi vẫn đang chờ.",
     "Quý vị đã nhận được hàng chưa ạ? Dạ chưa, tôi vẫn đang chờ ạ."),
    ("Không tôi không thấy email, bạn gửi lại được không?",
     "Dạ không tôi không thấy email, quý vị gửi lại được không ạ?"),
    ("Có, tôi đã nhận được. Bạn cần gì thêm không?", "Dạ có, tôi đã nhận được ạ. Quý vị cần gì thêm không ạ?"),
    ("Có tôi có nhận được, bạn yên tâm.", "Dạ có tôi có nhận được, quý vị yên tâm ạ."),
    ("Đúng rồi, bạn cần đăng nhập lại.", "Dạ đúng rồi ạ, quý vị cần đăng nhập lại ạ."),
    ("Đúng là bạn đã trả tiền.", "Đúng là quý vị đã trả tiền ạ."),
    # ... "mình" after the answer word is the subject "I"
    ("Không mình chưa nhận được mã, bạn kiểm tra giúp nhé.",
     "Dạ không tôi chưa nhận được mã, quý vị vui lòng kiểm tra giúp ạ."),
    # not answer words: negated existential, exclamation, the question frame có ... không
    ("Không có gì, bạn cứ hỏi thêm.", "Không có gì, quý vị cứ hỏi thêm ạ."),
    ("Thật là tiện, bạn thấy không?", "Thật là tiện, quý vị thấy không ạ?"),
    ("Có chị ấy ở nhà không? Bạn hỏi giúp tôi nhé.", "Có chị ấy ở nhà không ạ? Quý vị hỏi giúp tôi ạ."),
    # bạn + a syllable that is a compound part or the start of a verb phrase: the next word decides
    ("Bạn đồng ý với điều khoản chứ?", "Quý vị đồng ý với điều khoản chứ ạ?"),
    ("Bạn học cách dùng ứng dụng ở đâu?", "Quý vị học cách dùng ứng dụng ở đâu ạ?"),
    ("Bạn hàng ngày dùng ứng dụng bao lâu?", "Quý vị hàng ngày dùng ứng dụng bao lâu ạ?"),
    ("Bạn học của tôi giới thiệu cửa hàng này cho bạn.", "Bạn học của tôi giới thiệu cửa hàng này cho quý vị ạ."),
    # a request verb whose clause has a degree adverb is a statement (no "Vui lòng")
    ("Nói chuyện với bạn rất vui.", "Nói chuyện với quý vị rất vui ạ."),
    # ... but a degree adverb before an adverb of manner (thật kỹ "really thoroughly") grades the
    # request verb: still a request
    ("Kiểm tra thật kỹ nhé bạn.", "Vui lòng kiểm tra thật kỹ quý vị ạ."),
    ("Gửi ảnh thật nhanh cho tôi nhé bạn.", "Vui lòng gửi ảnh thật nhanh cho tôi quý vị ạ."),
    ("Gửi ảnh hóa đơn cho tôi, bạn nhé.", "Vui lòng gửi ảnh hóa đơn cho tôi, quý vị ạ."),
    # a bare greeting names the customer
    ("Chào, bạn cần hỗ trợ gì?", "Chào quý vị, quý vị cần hỗ trợ gì ạ?"),
    ("Xin chào! Mình là Lan, mình sẽ giúp bạn.", "Xin chào quý vị! Tôi là Lan, tôi sẽ giúp quý vị ạ."),
    ("Chào tôi là Lan, bạn cần gì?", "Chào quý vị, tôi là Lan, quý vị cần gì ạ?"),
    ("Chào mừng bạn đến với cửa hàng.", "Chào mừng quý vị đến với cửa hàng ạ."),
]


@pytest.mark.parametrize(("source", "expected"), VI_CASES, ids=[f"vi{i}" for i in range(len(VI_CASES))])
def test_vietnamese_rules(source: str, expected: str) -> None:
    """Exact formal output; the output is a fixed point and the informal direction leaves the text alone."""
    res = rewrite(source, "vi-VN", formality="formal")
    assert res.text == expected
    assert rewrite(expected, "vi-VN", formality="formal").text == expected
    assert rewrite(source, "vi-VN", formality="informal").text == source


def test_vietnamese_compounds_without_address_untouched() -> None:
    """Nouns built on bạn (companion, classmate) in a text that addresses nobody informally stay as they are."""
    for text in ("Bạn đồng hành của tôi cũng dùng ứng dụng này.", "Bạn học của tôi giới thiệu cửa hàng."):
        res = rewrite(text, "vi-VN", formality="formal")
        assert res.text == text
        assert res.edits == ()


def test_vietnamese_greeting_uses_configured_address() -> None:
    """The greeting rule names the customer with the configured address term (quý khách)."""
    from toneloc.rules.vi import Vietnamese

    res = Vietnamese(address="quý khách").rewrite("Chào, bạn cần hỗ trợ gì?", locale="vi-VN", formality="formal")
    assert res.text == "Chào quý khách, quý khách cần hỗ trợ gì ạ?"
    assert "vi.greeting" in {e.rule_id for e in res.edits}


# --------------------------------------------------------------------------- vi: the speaker as object, nhé/nha
# Self-written support sentences (round 5, tone-vi2): "mình" as the object "me", the friendly particles
# nhé/nha/nhá (ạ at the end of the sentence, dropped inside it, a "you + request verb" clause becomes
# "quý vị vui lòng ..."), and the forms that must stay.
VI_SPEAKER_PARTICLE_CASES = [
    # mình after a verb or a preposition governed by one: the speaker "me" -> tôi
    ("Cảm ơn bạn đã báo mình, mình sẽ xử lý ngay.", "Cảm ơn quý vị đã báo tôi, tôi sẽ xử lý ngay ạ."),
    ("Bạn có thể nói với mình lý do không?", "Quý vị có thể nói với tôi lý do không ạ?"),
    ("Bạn gọi lại cho mình sau 5 phút nhé.", "Quý vị vui lòng gọi lại cho tôi sau 5 phút ạ."),
    ("Bạn cho mình biết địa chỉ giao hàng nhé?", "Quý vị cho tôi biết địa chỉ giao hàng ạ?"),
    # reflexive and adverbial mình stay: tự ... mình, giữ cho mình (for oneself), một mình, chính mình
    ("Bạn hãy tự bảo vệ mình khi mua hàng trực tuyến.", "Quý vị hãy tự bảo vệ mình khi mua hàng trực tuyến ạ."),
    ("Bạn đã giữ cho mình một bản sao chưa?", "Quý vị đã giữ cho mình một bản sao chưa ạ?"),
    ("Bạn có đi một mình không?", "Quý vị có đi một mình không ạ?"),
    ("Bạn nên tin vào chính mình.", "Quý vị nên tin vào chính mình ạ."),
    # "bạn mình" is "my friend": the noun stays, the possessor mình -> tôi
    ("Bạn mình cũng đặt hàng ở đây, bạn gửi mã giảm giá nhé.",
     "Bạn tôi cũng đặt hàng ở đây, quý vị vui lòng gửi mã giảm giá ạ."),
    # nhé/nha/nhá inside a sentence: dropped (one ạ closes the sentence, no "ạ, ... ạ.")
    ("Bạn đợi mình một chút nhá, mình đang kiểm tra.", "Quý vị vui lòng đợi tôi một chút, tôi đang kiểm tra ạ."),
    ("Mình xin lỗi nhé, bạn thử lại sau.", "Tôi xin lỗi, quý vị thử lại sau ạ."),
    ("Xác nhận giúp mình nha, cảm ơn bạn!", "Vui lòng xác nhận giúp tôi, cảm ơn quý vị ạ!"),
    # at the end of the sentence: nhé -> ạ; a closing vocative after it drops it
    ("Bạn nhắn mình số đơn hàng nha.", "Quý vị nhắn tôi số đơn hàng ạ."),
    ("Chờ chút nhé bạn.", "Vui lòng chờ chút quý vị ạ."),
    # "Nha" of a place name is not the particle
    ("Bạn muốn giao hàng đến Tây Ban Nha không?", "Quý vị muốn giao hàng đến Tây Ban Nha không ạ?"),
    # "các bạn" opening a sentence is the plural pronoun, not a vocative
    ("Các bạn đợi mình một chút nha.", "Quý vị vui lòng đợi tôi một chút ạ."),
]


@pytest.mark.parametrize(("source", "expected"), VI_SPEAKER_PARTICLE_CASES,
                         ids=[f"vi-sp{i}" for i in range(len(VI_SPEAKER_PARTICLE_CASES))])
def test_vietnamese_speaker_object_and_particles(source: str, expected: str) -> None:
    """Exact formal output, a fixed point; the informal direction leaves the text alone."""
    assert rewrite(source, "vi-VN", formality="formal").text == expected
    assert rewrite(expected, "vi-VN", formality="formal").text == expected
    assert rewrite(source, "vi-VN", formality="informal").text == source


def test_vietnamese_ticket_note_with_customer_address() -> None:
    """The demo's kind of note: one register, the configured address term, no nhé, the speaker as tôi."""
    res = rewrite("Bạn kiểm tra email giúp mình nhé, mình đã gửi mã theo dõi mới.", "vi-VN",
                  formality="formal", address="quý khách")
    assert res.text == "Quý khách vui lòng kiểm tra email giúp tôi, tôi đã gửi mã theo dõi mới ạ."
    assert {e.rule_id for e in res.edits} == {"vi.address.you", "vi.address.self", "vi.particle.nhe", "vi.particle.a"}
    assert check_register(res.text, locale="vi-VN", expected="formal") == ()


@pytest.mark.parametrize(
    ("text", "informal"),
    [
        ("Quý khách kiểm tra giúp mình nhé.", ["mình", "nhé"]),
        ("Quý vị chờ chút nha, mình gọi lại cho quý vị.", ["nha", "mình"]),
        ("Quý khách gửi cho mình ảnh hóa đơn ạ.", ["mình"]),
        # not the speaker or not the particle: một mình, chính mình, tự ... mình, Tây Ban Nha, bạn bè
        ("Quý khách đi một mình hay đi cùng bạn bè ạ?", []),
        ("Quý khách hãy tự bảo vệ mình và tin vào chính mình ạ.", []),
        ("Quý vị muốn giao hàng đến Tây Ban Nha không ạ?", []),
        # "bạn mình" (my friend): mình is the informal speaker, bạn is not the address
        ("Bạn mình đã giới thiệu cửa hàng cho quý khách ạ.", ["mình"]),
        # the intimate vocative "Mình ơi" calls the listener informally
        ("Mình ơi, quý khách chờ chút ạ.", ["Mình"]),
    ],
)
def test_vietnamese_register_check_speaker_and_particles(text: str, informal: list[str]) -> None:
    """check_register sees mình (I/me) and nhé/nha as informal, at their positions, and nothing else."""
    hits = check_register(text, locale="vi-VN", expected="formal")
    assert [h.text for h in hits] == informal
    assert all(text[h.start : h.end] == h.text and h.register == "informal" for h in hits)
    assert {h.rule_id for h in hits} <= {"vi.minh", "vi.nhe"}


# --------------------------------------------------------------------------- vi: the reply opener Dạ thưa
# Self-written support sentences (session 6, vi-tone): a reply that opens with the speaker's own
# statement opens with "Dạ thưa" + address term; questions, performatives (xin lỗi, cảm ơn, chúc, mời),
# the inclusive "chúng ta" and texts without an informal address keep their opening.
VI_REPLY_OPENER_CASES = [
    ("Tôi đã kiểm tra đơn hàng của bạn.", "Dạ thưa quý vị, tôi đã kiểm tra đơn hàng của quý vị ạ."),
    ("Mình không nhớ mã đơn, bạn gửi lại nhé.", "Dạ thưa quý vị, tôi không nhớ mã đơn, quý vị vui lòng gửi lại ạ."),
    ("Bọn tôi đã gửi hàng cho bạn hôm qua.", "Dạ thưa quý vị, chúng tôi đã gửi hàng cho quý vị hôm qua ạ."),
    ("tôi đồng ý với bạn.", "dạ thưa quý vị, tôi đồng ý với quý vị ạ."),
    # the speaker's clause answers, the question comes after the comma
    ("Tôi có, bạn thì sao?", "Dạ thưa quý vị, tôi có, quý vị thì sao ạ?"),
    # not a reply opened by the speaker: a question, a performative, the inclusive we, another opening
    ("Tôi đã gửi mã cho bạn chưa?", "Tôi đã gửi mã cho quý vị chưa ạ?"),
    ("Tôi xin lỗi vì bạn phải chờ.", "Tôi xin lỗi quý vị vì quý vị phải chờ ạ."),
    ("Tôi cảm ơn bạn đã chờ.", "Tôi cảm ơn quý vị đã chờ ạ."),
    ("Chúng ta có thể thử lại, bạn thấy sao?", "Chúng ta có thể thử lại, quý vị thấy sao ạ?"),
    ("Bạn đã nhận được mã chưa? Tôi gửi rồi.", "Quý vị đã nhận được mã chưa ạ? Tôi gửi rồi ạ."),
    # an evaluative clause (thật, thú vị) is a statement, not a request: no "Vui lòng"
    ("Nói chuyện với bạn cũng thật thú vị!", "Nói chuyện với quý vị cũng thật thú vị ạ!"),
    # agreeing ("hợp lý đó") behind an opening backchannel is a short reply: it takes ạ
    ("Ừ hợp lý đó, bạn thử lại xem.", "Dạ vâng hợp lý đó ạ, quý vị thử lại xem ạ."),
    # "Mình ơi," is the intimate vocative calling the listener, not the speaker opening a reply: it
    # becomes the deferential vocative "Thưa quý vị," (no "Dạ thưa quý vị, tôi ơi")
    ("Mình ơi, bạn gửi mã chưa?", "Thưa quý vị, quý vị gửi mã chưa ạ?"),
    ("Mình ơi, mình gửi mã rồi nhé.", "Thưa quý vị, tôi gửi mã rồi ạ."),
    # a text in capitals keeps its capitals: the opener, the subject and the particles
    ("TÔI ĐÃ GỬI CHO BẠN RỒI NHÉ.", "DẠ THƯA QUÝ VỊ, TÔI ĐÃ GỬI CHO QUÝ VỊ RỒI Ạ."),
    # ... but an acronym closing a sentence in lower case takes the lower-case particle
    ("Bạn dùng VPN nhé.", "Quý vị dùng VPN ạ."),
]


@pytest.mark.parametrize(("source", "expected"), VI_REPLY_OPENER_CASES,
                         ids=[f"vi-op{i}" for i in range(len(VI_REPLY_OPENER_CASES))])
def test_vietnamese_reply_opener(source: str, expected: str) -> None:
    """Exact formal output, a fixed point; the informal direction leaves the text alone."""
    assert rewrite(source, "vi-VN", formality="formal").text == expected
    assert rewrite(expected, "vi-VN", formality="formal").text == expected
    assert rewrite(source, "vi-VN", formality="informal").text == source


def test_vietnamese_reply_opener_uses_configured_address_and_explains() -> None:
    """The opener names the configured address term and is one explained edit over the opening subject."""
    res = rewrite("Mình đã kiểm tra đơn của bạn.", "vi-VN", formality="formal", address="quý khách")
    assert res.text == "Dạ thưa quý khách, tôi đã kiểm tra đơn của quý khách ạ."
    opener = [e for e in res.edits if e.rule_id == "vi.opener.reply"]
    assert len(opener) == 1
    assert (opener[0].start, opener[0].end, opener[0].before) == (0, 4, "Mình")
    assert opener[0].after == "Dạ thưa quý khách, tôi"
    assert opener[0].explanation


def test_vietnamese_reply_opener_only_in_text_made_formal() -> None:
    """A text without an informal address (already formal or neutral) keeps its opening: do no harm."""
    for text in ("Tôi sẽ kiểm tra ngay.", "Tôi đã kiểm tra đơn hàng của quý vị ạ.", "Tôi có."):
        res = rewrite(text, "vi-VN", formality="formal")
        assert res.text == text
        assert res.edits == ()


def test_vietnamese_reply_opener_can_be_turned_off() -> None:
    """Vietnamese(reply_opener=False): a fragment that is not the start of a reply keeps its opening."""
    from toneloc.rules.vi import Vietnamese

    res = Vietnamese(reply_opener=False).rewrite("Mình sẽ kiểm tra cho bạn.", locale="vi-VN", formality="formal")
    assert res.text == "Tôi sẽ kiểm tra cho quý vị ạ."
    assert "vi.opener.reply" not in {e.rule_id for e in res.edits}

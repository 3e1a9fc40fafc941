"""Russian (ru) tone rules: ты -> вы with verb, past-tense and short-adjective agreement.

Russian support replies address a customer with *вы* (often capitalised *Вы* in letters to one
person). *Вы* takes plural agreement even for one addressee: present/future 2nd plural (можешь ->
можете, хочешь -> хотите), plural past (ты сделал/сделала -> вы сделали), plural short adjectives
(ты готов/готова -> вы готовы) and the plural imperative -те (проверь -> проверьте, напиши ->
напишите); full adjectives stay singular (вы такой добрый) and are left alone. Possessive *твой*
becomes *ваш* in the same case, number and gender (:data:`POSSESSIVES`).

With the optional analyser (``pip install toneloc[tone-ru]``: pymorphy3 + its OpenCorpora
dictionary) the verb and adjective forms are found and inflected from the dictionary; without it
regular endings are used (-ешь/-ёшь -> -ете/-ёте, -ишь -> -ите, -л/-ла -> -ли next to ты, -й/-ь/-и
-> -йте/-ьте/-ите for imperatives in :data:`IMPERATIVES`) and the result asks for review.

Formal -> informal is not done (*вы* is also the plural "you"); the text comes back unchanged.

References:
    Wade, Terence. *A Comprehensive Russian Grammar*. 3rd ed. Wiley-Blackwell, 2011 — § 130
    (ты/вы, plural agreement with polite вы: verb, past tense, short adjective; full adjective
    singular), §§ 159-161 (possessives твой/ваш declension), § 284 (imperative -те).
    Розенталь, Д. Э. *Справочник по правописанию и литературной правке*. 2012 — § 11 (прописная
    буква в «Вы» при обращении к одному лицу в письмах).
    Korobov, Mikhail. "Morphological Analyzer and Generator for Russian and Ukrainian Languages"
    (pymorphy2/pymorphy3), AIST 2015 — the optional analyser.
"""

from __future__ import annotations

import functools
from typing import Any, ClassVar

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    Marker,
    Rule,
    RuleContext,
    compile_rx,
    marker,
    match_case,
    word_pattern,
)

__all__ = ["POSSESSIVES", "Rules", "Russian"]

PRONOUNS: dict[str, str] = {"ты": "вы", "тебя": "вас", "тебе": "вам", "тобой": "вами", "тобою": "вами"}
POSSESSIVES: dict[str, str] = {
    "твой": "ваш",
    "твоя": "ваша",
    "твоё": "ваше",
    "твое": "ваше",
    "твои": "ваши",
    "твоего": "вашего",
    "твоей": "вашей",
    "твоему": "вашему",
    "твоим": "вашим",
    "твоих": "ваших",
    "твоими": "вашими",
    "твою": "вашу",
    "твоём": "вашем",
    "твоем": "вашем",
    "твоею": "вашею",
}
"""твой -> ваш in every case, number and gender (Wade 2011 §§ 159-161)."""

PREPOSITIONAL = ("о", "об", "обо", "при", "в", "во", "на")
"""Prepositions governing the prepositional case: о тебе -> о вас (not вам)."""

SHORT_ADJECTIVES: dict[str, str] = {
    "готов": "готовы",
    "готова": "готовы",
    "уверен": "уверены",
    "уверена": "уверены",
    "прав": "правы",
    "права": "правы",
    "должен": "должны",
    "должна": "должны",
    "рад": "рады",
    "рада": "рады",
    "согласен": "согласны",
    "согласна": "согласны",
    "свободен": "свободны",
    "свободна": "свободны",
    "занят": "заняты",
    "занята": "заняты",
    "доволен": "довольны",
    "довольна": "довольны",
    "знаком": "знакомы",
    "знакома": "знакомы",
    "нужен": "нужны",
    "нужна": "нужны",
    "способен": "способны",
    "способна": "способны",
    "обязан": "обязаны",
    "обязана": "обязаны",
    "зарегистрирован": "зарегистрированы",
    "зарегистрирована": "зарегистрированы",
    "недоволен": "недовольны",
    "недовольна": "недовольны",
}
"""Short adjectives and participles after ты -> plural after вы (exceptions to regular inflection)."""

IMPERATIVES: dict[str, str] = {
    "проверь": "проверьте",
    "напиши": "напишите",
    "скажи": "скажите",
    "отправь": "отправьте",
    "позвони": "позвоните",
    "посмотри": "посмотрите",
    "подожди": "подождите",
    "попробуй": "попробуйте",
    "сделай": "сделайте",
    "укажи": "укажите",
    "введи": "введите",
    "нажми": "нажмите",
    "выбери": "выберите",
    "обратись": "обратитесь",
    "не беспокойся": "не беспокойтесь",
    "беспокойся": "беспокойтесь",
    "перезагрузи": "перезагрузите",
    "обнови": "обновите",
    "зайди": "зайдите",
    "войди": "войдите",
    "открой": "откройте",
    "закрой": "закройте",
    "пришли": "пришлите",
    "дай": "дайте",
    "давай": "давайте",
    "извини": "извините",
    "прости": "простите",
    "уточни": "уточните",
    "подтверди": "подтвердите",
    "сообщи": "сообщите",
    "заполни": "заполните",
    "удали": "удалите",
    "установи": "установите",
    "скачай": "скачайте",
    "оплати": "оплатите",
    "прочитай": "прочитайте",
    "свяжись": "свяжитесь",
    "подскажи": "подскажите",
    "расскажи": "расскажите",
    "покажи": "покажите",
    "используй": "используйте",
    "измени": "измените",
    "смени": "смените",
    "создай": "создайте",
    "добавь": "добавьте",
}
"""Frequent support imperatives (used without the analyser)."""

NOT_VERBS = frozenset(["лишь", "мышь", "тишь", "глушь", "вишь", "брешь", "ешь"])

_L = r"[\p{L}\p{M}]"
_B = rf"(?<!{_L})"
_E = rf"(?!{_L})"
_TY = compile_rx(_B + r"ты" + _E, regex.I | regex.V1)


@functools.lru_cache(maxsize=1)
def _morph() -> Any:
    """The pymorphy3 analyser, or ``None`` without the ``tone-ru`` extra."""
    try:
        import pymorphy3
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer()
    except Exception:
        return None


def analyser_available() -> bool:
    """Whether pymorphy3 and its dictionary are installed (the ``tone-ru`` extra)."""
    return _morph() is not None


def _inflect_plural(word: str, want: str) -> str | None:
    """Plural of *word* if the analyser reads it as *want* (``2sg``, ``past``, ``impr``, ``short``)."""
    m = _morph()
    low = word.lower()
    if m is None:
        if want == "2sg" and low not in NOT_VERBS:
            for a, b in (
                ("ешься", "етесь"),
                ("ёшься", "ётесь"),
                ("ишься", "итесь"),
                ("ешь", "ете"),
                ("ёшь", "ёте"),
                ("ишь", "ите"),
            ):
                if low.endswith(a) and len(low) > len(a) + 1:
                    return word[: -len(a)] + b
            return None
        if want == "past":
            for a, b in (("лся", "лись"), ("лась", "лись"), ("ла", "ли"), ("л", "ли")):
                if low.endswith(a) and len(low) > len(a) + 2:
                    return word[: -len(a)] + b
            return None
        if want == "short":
            return SHORT_ADJECTIVES.get(low)
        return IMPERATIVES.get(low)
    if want == "short" and low in SHORT_ADJECTIVES:
        return SHORT_ADJECTIVES[low]
    return _analysed_plural(low, want)


@functools.lru_cache(maxsize=65536)
def _analysed_plural(low: str, want: str) -> str | None:
    """The dictionary branch of :func:`_inflect_plural`, cached per word form (a pymorphy3 parse costs
    about 50 µs and a support reply repeats the same few hundred forms)."""
    m = _morph()
    for p in m.parse(low)[: 1 if want == "impr" else 2]:
        tag = p.tag
        ok = (
            (want == "2sg" and tag.POS == "VERB" and "2per" in tag and "sing" in tag)
            or (want == "past" and tag.POS == "VERB" and "past" in tag and "sing" in tag)
            or (want == "impr" and tag.POS == "VERB" and "impr" in tag and "sing" in tag)
            or (want == "short" and tag.POS in ("ADJS", "PRTS") and "sing" in tag)
        )
        if not ok:
            continue
        grams = {"plur", "2per"} if want == "2sg" else {"plur"}
        q = p.inflect(grams)
        if q is not None and q.word != low:
            return str(q.word)
    return None


class PronounRule:
    """ты/тебя/тебе/тобой -> вы/вас/вам (вас after о/при/в/на)/вами; твой... -> ваш..."""

    id = "ru.ty-vy.pronoun"
    explanation = "customers are addressed with вы"

    def __init__(self, capitalise: bool) -> None:
        self.capitalise = capitalise
        self._pat = compile_rx(word_pattern(*PRONOUNS, *POSSESSIVES), regex.I | regex.V1)
        self._prep = compile_rx(
            r"(?<![\p{L}\p{M}])(?:" + "|".join(PREPOSITIONAL) + r")\s+$", regex.I | regex.V1
        )  # whole word: "спасибо тебе" is not "о тебе"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self._pat.finditer(text):
            w = m.group(0)
            low = w.lower()
            after = POSSESSIVES.get(low) or PRONOUNS[low]
            if low == "тебе" and self._prep.search(text[max(0, m.start() - 5) : m.start()]):
                after = "вас"
            after = after[0].upper() + after[1:] if self.capitalise else match_case(w, after)
            out.append(Edit(m.start(), m.end(), w, after, self.id, self.explanation))
        return out


_TY_OBLIQUE = compile_rx(word_pattern(*POSSESSIVES, "тебя", "тебе", "тобой"), regex.I)


class VerbAgreementRule:
    """2nd singular verbs -> 2nd plural; past and short adjectives next to ты -> plural."""

    id = "ru.ty-vy.verb"
    explanation = "вы takes plural agreement: можешь -> можете, ты сделал -> вы сделали, готов -> готовы"
    _word = compile_rx(_B + r"(" + _L + r"+)" + _E, regex.V1)
    _near = compile_rx(
        _B
        + r"ты\s+(?:(?:не|уже|ещё|еще|точно|правда|сам|сама|тоже|всё|все|бы|же)\s+){0,2}("
        + _L
        + r"+)"
        + _E
        + r"|"
        + _B
        + r"("
        + _L
        + r"+)(?=\s+(?:(?:ли|же|бы)\s+)?ты"  # lookahead: "если ты готов" must still see "ты готов"
        + _E
        + r")",
        regex.I | regex.V1,
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not _TY.search(text) and not _TY_OBLIQUE.search(text):
            return out
        seen: set[int] = set()
        # past tense / short adjectives only next to ты
        for m in self._near.finditer(text):
            g = 1 if m.group(1) else 2
            w = m.group(g)
            for want in ("short", "past"):
                after = _inflect_plural(w, want)
                if after is not None:
                    out.append(Edit(m.start(g), m.end(g), w, match_case(w, after), self.id, self.explanation))
                    seen.add(m.start(g))
                    break
        # 2nd person singular verbs anywhere in a ты-text
        for m in self._word.finditer(text):
            if m.start(1) in seen:
                continue
            w = m.group(1)
            if not w.lower().endswith(("шь", "шься")):
                continue
            after = _inflect_plural(w, "2sg")
            if after is not None:
                out.append(Edit(m.start(1), m.end(1), w, match_case(w, after), self.id, self.explanation))
        if not analyser_available() and out:
            ctx.flag(
                "pymorphy3 is not installed (pip install toneloc[tone-ru]): verb forms came from endings; check them"
            )
        return out


class ImperativeRule:
    """Imperative singular -> plural (проверь -> проверьте, не беспокойся -> не беспокойтесь)."""

    id = "ru.ty-vy.imperative"
    explanation = "a request to a customer uses the plural imperative (-те)"
    _word = compile_rx(_B + r"(" + _L + r"+)" + _E, regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self._word.finditer(text):
            w = m.group(1)
            low = w.lower()
            if not low.endswith(("й", "ь", "и", "ся", "сь")) or len(low) < 3:
                continue
            after = IMPERATIVES.get(low) if not analyser_available() else _inflect_plural(w, "impr")
            if after is None:
                continue
            out.append(Edit(m.start(1), m.end(1), w, match_case(w, after), self.id, self.explanation))
        return out


class GreetingRule:
    """привет -> здравствуйте; пока -> до свидания (as a closing); спасибо тебе -> спасибо вам."""

    id = "ru.greeting"
    explanation = "formal greetings and closings"
    _pat = compile_rx(r"(?:(?<=^)|(?<=[.!?]\s*))(привет|приветик|здравствуй|пока)(?=\s*[,.!]|\s*$)", regex.I | regex.V1)
    _map: ClassVar[dict[str, str]] = {
        "привет": "здравствуйте",
        "приветик": "здравствуйте",
        "здравствуй": "здравствуйте",
        "пока": "до свидания",
    }

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        return [
            Edit(
                m.start(1),
                m.end(1),
                m.group(1),
                match_case(m.group(1), self._map[m.group(1).lower()]),
                self.id,
                self.explanation,
            )
            for m in self._pat.finditer(text)
        ]


class Russian(CultureRules):
    """Russian: ты -> вы with agreement.

    >>> from toneloc.tone import rewrite
    >>> rewrite("Ты можешь проверить свой заказ?", "ru-RU").text
    'Вы можете проверить свой заказ?'
    >>> rewrite("Ты уже оплатил твой заказ?", "ru-RU").text
    'Вы уже оплатили ваш заказ?'

    References:
        Wade (2011) *A Comprehensive Russian Grammar* §§ 130, 159-161, 284; Розенталь (2012)
        *Справочник по правописанию* § 11; Korobov (2015) pymorphy. See the module docstring.
    """

    language = "ru"
    references = (
        "Wade, Terence (2011). A Comprehensive Russian Grammar, 3rd ed. Wiley-Blackwell — §130, §§159-161, §284.",
        "Розенталь, Д. Э. (2012). Справочник по правописанию и литературной правке — §11 (Вы в письмах).",
        "Korobov, Mikhail (2015). Morphological Analyzer and Generator for Russian and Ukrainian (pymorphy), AIST.",
    )
    default_formality = "formal"
    capitalise: ClassVar[bool] = False

    def __init__(self, capitalise: bool | None = None) -> None:
        cap = self.capitalise if capitalise is None else capitalise
        self.to_formal = (  # type: ignore[misc]
            GreetingRule(),
            VerbAgreementRule(),
            ImperativeRule(),
            PronounRule(cap),
        )

    to_formal: ClassVar[tuple[Rule, ...]] = ()
    to_informal: ClassVar[tuple[Rule, ...]] = ()
    markers: ClassVar[tuple[Marker, ...]] = (
        marker("ru.ty", word_pattern(*PRONOUNS, *POSSESSIVES), "informal", "informal ты", flags=regex.I),
        marker(
            "ru.vy",
            word_pattern("вы", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваши"),
            "formal",
            "polite вы",
            flags=regex.I,
        ),
    )


Rules = Russian

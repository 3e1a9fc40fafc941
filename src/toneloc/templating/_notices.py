"""Built-in localized notices (so KB rendering works without any user catalog).

A user catalog that translates :data:`OUTDATED_MSGID` wins over this table.
"""

from __future__ import annotations

from collections.abc import Sequence

import babel

__all__ = ["OUTDATED_MSGID", "outdated_notice"]

OUTDATED_MSGID = "This translation may be out of date; the original article has been updated since it was translated."

# One line per language; reviewed by the templating engineer (fluent review welcome in PRs).
_OUTDATED: dict[str, str] = {
    "en": OUTDATED_MSGID,
    "ar": "قد تكون هذه الترجمة قديمة؛ فقد حُدِّث المقال الأصلي بعد ترجمته.",
    "de": "Diese Übersetzung ist möglicherweise nicht mehr aktuell: Der Originalartikel wurde seit der Übersetzung geändert.",  # noqa: E501
    "es": "Es posible que esta traducción no esté actualizada: el artículo original se ha modificado desde que se tradujo.",  # noqa: E501
    "fr": "Cette traduction n’est peut-être plus à jour : l’article original a été modifié depuis sa traduction.",
    "he": "ייתכן שהתרגום הזה אינו עדכני: המאמר המקורי עודכן מאז שתורגם.",
    "hi": "यह अनुवाद पुराना हो सकता है: अनुवाद के बाद मूल लेख को अपडेट किया गया है।",
    "id": "Terjemahan ini mungkin sudah tidak mutakhir: artikel aslinya telah diperbarui sejak diterjemahkan.",
    "it": "Questa traduzione potrebbe non essere aggiornata: l’articolo originale è stato modificato dopo la traduzione.",  # noqa: E501
    "ja": "この翻訳は最新ではない可能性があります。翻訳後に原文の記事が更新されています。",
    "ko": "이 번역은 최신 내용이 아닐 수 있습니다. 번역 이후 원문 문서가 업데이트되었습니다.",
    "lv": "Šis tulkojums, iespējams, nav aktuāls: oriģinālais raksts kopš tulkošanas ir atjaunināts.",
    "nl": "Deze vertaling is mogelijk verouderd: het oorspronkelijke artikel is na de vertaling bijgewerkt.",
    "pl": "To tłumaczenie może być nieaktualne: oryginalny artykuł został zaktualizowany po przetłumaczeniu.",
    "pt": "Esta tradução pode estar desatualizada: o artigo original foi atualizado depois de traduzido.",
    "ru": "Этот перевод может быть устаревшим: исходная статья была обновлена после перевода.",
    "sv": "Den här översättningen kan vara inaktuell: originalartikeln har uppdaterats sedan den översattes.",
    "tr": "Bu çeviri güncel olmayabilir: özgün makale çevrildikten sonra güncellendi.",
    "vi": "Bản dịch này có thể đã lỗi thời: bài viết gốc đã được cập nhật sau khi dịch.",
    "zh": "此译文可能已过时：原文在翻译后已有更新。",
}


def outdated_notice(chain: Sequence[babel.Locale]) -> tuple[str, str]:
    """``(text, language)`` of the notice for the first language of *chain* that has one (else English).

    >>> outdated_notice([babel.Locale.parse("de_AT"), babel.Locale.parse("de")])[1]
    'de'
    """
    for loc in chain:
        text = _OUTDATED.get(loc.language)
        if text is not None:
            return text, loc.language
    return _OUTDATED["en"], "en"

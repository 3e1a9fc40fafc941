"""Benchmark: a realistic support reply through toneloc vs the same template with hand-wired Jinja2 + Babel.

The reply has 3 translated strings (one plural) and 5 formatted values (money, long date, date-time in the
customer's zone, number, list), rendered for ``de-DE`` with the example German catalog.

The peer is what a careful developer would wire by hand: ``ImmutableSandboxedEnvironment`` with
``jinja2.ext.i18n``, ``install_gettext_translations`` of a Babel ``Translations`` loaded once from the
compiled catalog (newstyle), and filters that call Babel with a pre-parsed ``Locale`` and ``ZoneInfo``.
Both environments are built once and use the same template text and options; the script asserts the two
outputs are identical. toneloc additionally records missing msgids/fallbacks, hardens the sandbox and
resolves the customer's time zone from the context. A plain (unsandboxed) ``jinja2.Environment`` is
shown for information. Timing passes are interleaved, best of several repeats.

Run: ``python bench/bench_templates.py``.
"""

from __future__ import annotations

import io
import os
import platform
import sys
import timeit
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import babel
import jinja2
from babel import dates as bdates
from babel import numbers as bnum
from babel.messages.mofile import write_mo
from babel.support import Translations
from jinja2.sandbox import ImmutableSandboxedEnvironment

from toneloc.templating import Customer, TemplateSet, load_catalog

ROOT = Path(__file__).resolve().parents[1] / "examples" / "helpdesk"
TEMPLATE = """\
{{ _("Hello %(name)s,", name=customer.name) }}

{{ _("We have refunded %(amount)s for your order %(order)s.", amount=amount|money(currency), order=order_id) }}
{% trans count=business_days %}The money should reach your account within {{ count }} business day.\
{% pluralize %}The money should reach your account within {{ count }} business days.{% endtrans %}

{{ new_date|date("long") }} / {{ shipped_at|datetime }} / {{ points|number }} / {{ items|join_list }}
"""
CONTEXT: dict[str, Any] = {
    "order_id": "A-1042", "amount": Decimal("1234.5"), "currency": "EUR", "business_days": 5,
    "new_date": date(2026, 10, 9), "shipped_at": datetime(2026, 10, 2, 13, 0, tzinfo=UTC),
    "points": Decimal("12345"), "items": ["Wasserkocher", "Teeservice", "Becher"],
}
CUSTOMER = Customer("Jürgen Weiß", timezone="Europe/Berlin")


def toneloc_renderer(tmp: Path) -> Callable[[], str]:
    (tmp / "reply.txt").write_text(TEMPLATE, encoding="utf-8")
    ts = TemplateSet(tmp, catalogs=ROOT / "locales")
    now = datetime(2026, 10, 2, 13, 0, tzinfo=UTC)

    def run() -> str:
        return ts.render("reply.txt", CONTEXT, locale="de-DE", customer=CUSTOMER, now=now).text

    return run


def handwired_renderer(tmp: Path, sandboxed: bool = True) -> Callable[[], str]:
    loc = babel.Locale.parse("de_DE")
    buf = io.BytesIO()
    write_mo(buf, load_catalog(ROOT / "locales" / "de" / "LC_MESSAGES" / "messages.po"))
    buf.seek(0)
    translations = Translations(fp=buf)
    cls = ImmutableSandboxedEnvironment if sandboxed else jinja2.Environment
    env = cls(loader=jinja2.FileSystemLoader(tmp), extensions=["jinja2.ext.i18n"], autoescape=False,
              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    zones: dict[str, ZoneInfo] = {}

    @jinja2.pass_context
    def datetime_filter(ctx: Any, value: datetime) -> str:
        tz = ctx["customer"].timezone
        zone = zones.get(tz) or zones.setdefault(tz, ZoneInfo(tz))
        return str(bdates.format_datetime(value, "medium", tzinfo=zone, locale=loc))

    env.filters.update(
        money=lambda v, c: bnum.format_currency(v, c, locale=loc),
        date=lambda v, f="medium": bdates.format_date(v, f, locale=loc),
        datetime=datetime_filter,
        number=lambda v: bnum.format_decimal(v, locale=loc),
        join_list=lambda v: babel.lists.format_list(list(v), locale=loc),
    )
    template = env.get_template("reply.txt")

    def run() -> str:
        return template.render(CONTEXT, customer=CUSTOMER)

    return run


def main(number: int = 500, repeat: int = 7) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        ours = toneloc_renderer(tmp)
        peer = handwired_renderer(tmp, sandboxed=True)
        plain = handwired_renderer(tmp, sandboxed=False)
        out = ours()
        assert out == peer() == plain(), (out, peer())
        times: dict[str, list[float]] = {"toneloc": [], "peer": [], "plain": []}
        for _ in range(repeat):  # interleaved so load spikes hit all three
            for key, fn in (("toneloc", ours), ("peer", peer), ("plain", plain)):
                times[key].append(min(timeit.repeat(fn, number=number, repeat=1)) / number)
        best = {k: min(v) for k, v in times.items()}
    print(f"# toneloc template benchmark  ({platform.python_version()}, Jinja2 {jinja2.__version__}, "
          f"Babel {babel.__version__}, load avg {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs)")
    print("reply: 3 translated strings (1 plural), 5 formatted values, de-DE, example catalog")
    print(out)
    print(f"{'renderer':44} {'µs/render':>10} {'renders/s':>10} {'vs peer':>8}")
    rows = [("toneloc TemplateSet.render (hardened sandbox)", best["toneloc"]),
            ("hand-wired ImmutableSandboxedEnvironment+Babel", best["peer"]),
            ("hand-wired plain Environment+Babel (info)", best["plain"])]
    for name, t in rows:
        print(f"{name:44} {t * 1e6:10.1f} {1 / t:10.0f} {t / best['peer']:8.3f}")
    print(f"ratio toneloc / hand-wired sandbox = {best['toneloc'] / best['peer']:.3f} (target <= 1.2)")


if __name__ == "__main__":
    main(*(int(x) for x in sys.argv[1:3]))

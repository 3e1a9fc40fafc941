"""Server-side template injection payloads: every family is refused with TemplateSecurityError (file:line)."""

from __future__ import annotations

import os
import types
from pathlib import Path

import pytest

from toneloc.errors import TemplateError, TemplateLimitError, TemplateSecurityError
from toneloc.templating import Customer, TemplateSet


@pytest.fixture(scope="module")
def ts() -> TemplateSet:
    return TemplateSet()


def _render(ts: TemplateSet, source: str, **ctx: object) -> str:
    return ts.render_string(source, ctx, locale="en", customer=Customer("Eve")).text


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ ''.__class__ }}",
        "{{ customer.__class__.__init__ }}",
        "{{ customer.__dict__ }}",
        "{{ ().__class__.__base__.__subclasses__() }}",
    ],
)
def test_dunder_attribute_walks_are_refused(ts: TemplateSet, payload: str) -> None:
    """Walking from any value to ``object.__subclasses__`` stops at the first underscore attribute."""
    with pytest.raises(TemplateSecurityError, match="sandbox: access to attribute '__"):
        _render(ts, payload)


@pytest.mark.parametrize("gadget", ["cycler", "joiner", "namespace"])
def test_global_gadgets_cannot_reach_globals(ts: TemplateSet, gadget: str) -> None:
    """The classic ``cycler.__init__.__globals__.os`` chain (and joiner/namespace) is refused."""
    with pytest.raises(TemplateSecurityError, match="'__init__'"):
        _render(ts, f"{{{{ {gadget}.__init__.__globals__.os.popen('id').read() }}}}")


def test_function_globals_are_refused_even_via_a_context_function(ts: TemplateSet) -> None:
    """A function passed in the context does not expose ``__globals__``."""
    with pytest.raises(TemplateSecurityError, match="__globals__"):
        _render(ts, "{{ fn.__globals__ }}", fn=_render)


def test_template_reference_context_is_refused(ts: TemplateSet) -> None:
    """``self._TemplateReference__context`` (name-mangled private context) is refused."""
    with pytest.raises(TemplateSecurityError, match="_TemplateReference__context"):
        _render(ts, "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}")


@pytest.mark.parametrize(
    "payload",
    [
        "{{ '{0.__class__.__mro__}'.format(customer) }}",
        "{{ '{x.__class__}'.format_map({'x': customer}) }}",
        "{{ '{0:>999999999}'.format(1) }}",
        "{{ ('a'|attr('format'))('{0.__class__}') }}",
    ],
)
def test_str_format_attacks_are_refused(ts: TemplateSet, payload: str) -> None:
    """``str.format``/``format_map`` are refused outright: attribute walks and width bombs alike."""
    with pytest.raises(TemplateSecurityError, match=r"str\.format"):
        _render(ts, payload)


@pytest.mark.parametrize(
    "payload",
    [
        "{{ customer|attr('__class__') }}",
        "{{ customer['__class__'] }}",
        "{{ customer|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
        "{% if customer.__class__ is defined %}probe{% endif %}",
    ],
)
def test_filter_item_and_probe_variants_are_refused(ts: TemplateSet, payload: str) -> None:
    """``|attr``, subscription, escaped names and ``is defined`` probes do not bypass the check."""
    with pytest.raises(TemplateSecurityError):
        _render(ts, payload)


def test_module_valued_attributes_are_refused(ts: TemplateSet) -> None:
    """An object that happens to hold a module does not hand it to the template."""
    with pytest.raises(TemplateSecurityError, match="'os'"):
        _render(ts, "{{ obj.os.system }}", obj=types.SimpleNamespace(os=os))


def test_mutating_known_containers_is_refused(ts: TemplateSet) -> None:
    """The immutable sandbox refuses ``list.append`` and friends."""
    with pytest.raises(TemplateSecurityError, match="'append'"):
        _render(ts, "{{ items.append(1) }}", items=[1, 2])


@pytest.mark.parametrize(
    "payload",
    ["{{ 'x' * 1000000000 }}", "{{ [1] * 1000000000 }}", "{{ 2 ** 100000000 }}", "{{ '%999999999s'|format(1) }}"],
)
def test_resource_bombs_are_refused(ts: TemplateSet, payload: str) -> None:
    """Huge repetitions, powers and format widths are refused before they allocate."""
    with pytest.raises(TemplateSecurityError):
        _render(ts, payload)


def test_lipsum_is_removed_and_range_is_capped(ts: TemplateSet) -> None:
    """``lipsum`` is gone (undefined), ``range`` keeps Jinja's cap: both are toneloc errors."""
    with pytest.raises(TemplateError, match="'lipsum' is undefined"):
        _render(ts, "{{ lipsum() }}")
    with pytest.raises(TemplateError, match="Range too big"):
        _render(ts, "{{ range(10 ** 8)|list|length }}")


def test_safe_templates_still_work(ts: TemplateSet) -> None:
    """The hardening does not get in the way of ordinary templates."""
    out = _render(ts, "{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}"
                      "{{ ns.n }} {{ customer.name|upper }} {{ '%s-%s'|format('a', 'b') }} {{ 'ab' * 3 }}")
    assert out == "3 EVE a-b ababab"


def test_security_error_names_file_and_line(tmp_path: Path) -> None:
    """The refusal points at the template file and the line of the payload."""
    (tmp_path / "evil.html").write_text("<p>ok</p>\n<p>{{ customer.name }}</p>\n<p>{{ cycler.__init__ }}</p>\n",
                                        encoding="utf-8")
    with pytest.raises(TemplateSecurityError) as info:
        TemplateSet(tmp_path).render("evil.html", locale="de", customer=Customer("Eve"))
    assert info.value.path == str(tmp_path / "evil.html")
    assert info.value.line == 3
    assert isinstance(info.value, PermissionError)
    assert str(info.value).startswith(f"{tmp_path / 'evil.html'}:3: sandbox: access to attribute '__init__'")


def test_unsandboxed_set_is_opt_in(tmp_path: Path) -> None:
    """``sandbox=False`` (trusted developer templates) really is plain Jinja2."""
    assert TemplateSet(sandbox=False).render_string("{{ ''.__class__.__name__ }}", locale="en").text == "str"


class TestRenderBudget:
    """A template that loops for ever or writes without end is stopped, with its file and line."""

    NESTED = ("{% for a in range(100000) %}{% for b in range(100000) %}"
              "{% endfor %}{% endfor %}")

    def test_long_loops_stop_at_the_time_limit(self, tmp_path: Path) -> None:
        (tmp_path / "spin.txt").write_text("Hello\n" + self.NESTED + "\n", encoding="utf-8")
        ts = TemplateSet(tmp_path, time_limit=0.2)
        with pytest.raises(TemplateLimitError, match=r"longer than the time limit of 0\.2 s") as info:
            ts.render("spin.txt", locale="en")
        assert (info.value.path, info.value.line) == (str(tmp_path / "spin.txt"), 2)

    def test_many_small_nested_loops_share_one_budget(self) -> None:
        loops = 6
        source = "{% for x in range(40) %}" * loops + "{% endfor %}" * loops  # 40**6 = 4e9 iterations
        with pytest.raises(TemplateLimitError, match="time limit"):
            TemplateSet(time_limit=0.2).render_string(source, locale="en")

    def test_output_is_capped(self) -> None:
        source = "{% for i in range(10000) %}{{ 'x' * 100 }}{% endfor %}"
        ts = TemplateSet(max_output=50_000)
        with pytest.raises(TemplateLimitError, match="output limit of 50,000 characters") as info:
            ts.render_string(source, locale="en", name="macro.txt")
        assert (info.value.path, info.value.line) == ("macro.txt", 1)
        assert len(TemplateSet(max_output=None).render_string(source, locale="en").text) == 1_000_000

    def test_unsandboxed_templates_still_have_the_output_cap(self) -> None:
        source = "{% for i in range(10000) %}{{ 'x' * 100 }}{% endfor %}"
        with pytest.raises(TemplateLimitError, match="output limit"):
            TemplateSet(sandbox=False, max_output=50_000).render_string(source, locale="en")

    def test_range_keeps_its_sequence_behaviour(self) -> None:
        out = TemplateSet().render_string(
            "{{ range(5)|list }} {{ range(5)|length }} {{ range(10)[2:4]|list }} {{ 3 in range(5) }} "
            "{{ range(3)|reverse|list }} {% for i in range(3) %}{{ loop.index }}/{{ loop.length }} {% endfor %}",
            locale="en").text
        assert out == "[0, 1, 2, 3, 4] 5 [2, 3] True [2, 1, 0] 1/3 2/3 3/3 "

    def test_a_range_kept_in_an_imported_template_spends_the_current_render(self, tmp_path: Path) -> None:
        """Jinja caches an imported template's module; its range must not keep the first render's clock."""
        import time

        (tmp_path / "macros.txt").write_text("{% set hours = range(3000) %}", encoding="utf-8")
        (tmp_path / "main.txt").write_text(
            "{% import 'macros.txt' as m %}{% for h in m.hours %}{% endfor %}ok", encoding="utf-8")
        ts = TemplateSet(tmp_path, time_limit=0.3)
        assert ts.render("main.txt", locale="en").text == "ok"
        time.sleep(0.35)  # the first render's deadline has passed
        assert [ts.render("main.txt", locale="en").text for _ in range(3)] == ["ok", "ok", "ok"]

    def test_range_compares_and_exposes_its_bounds(self) -> None:
        out = TemplateSet().render_string(
            "{{ range(3) == range(3) }} {{ range(1, 9, 2).start }} {{ range(1, 9, 2).stop }} "
            "{{ range(1, 9, 2).step }} {{ range(10)[::3]|list }}", locale="en").text
        assert out == "True 1 9 2 [0, 3, 6, 9]"

    @pytest.mark.parametrize("source", ["{{ 'a'|center(30000000) }}", "{{ range(1000)|join('x' * 100000) }}",
                                        "{{ ('x' * 100000)|replace('x', 'y' * 200) }}"])
    def test_growing_filters_are_refused_before_building_the_string(self, source: str) -> None:
        with pytest.raises(TemplateLimitError, match=r"filter would build [\d,]+ characters \(limit 10,000,000\)"):
            TemplateSet().render_string(source, locale="en")

    def test_growing_filters_still_work_on_normal_sizes(self) -> None:
        out = TemplateSet().render_string(
            "{{ 'ab'|center(6) }}|{{ [1, 2, 3]|join(', ') }}|{{ 'a-b'|replace('-', '+') }}|{{ 'x\ny'|indent(2) }}",
            locale="en").text
        assert out == "  ab  |1, 2, 3|a+b|x\n  y"

    def test_normal_templates_are_untouched_by_the_limits(self) -> None:
        source = "{% for i in range(3) %}{{ i }}{% endfor %} {{ 1234.5|number }}"
        assert TemplateSet(time_limit=0.5, max_output=100).render_string(source, locale="de").text == "012 1.234,5"

    @pytest.mark.parametrize(("kw", "value"), [("time_limit", 0), ("time_limit", -1.0), ("max_output", 0),
                                               ("max_output", 2.5)])
    def test_bad_limits_are_refused(self, kw: str, value: object) -> None:
        with pytest.raises(TemplateError, match=f"{kw} must be a positive"):
            TemplateSet(**{kw: value})  # type: ignore[arg-type]

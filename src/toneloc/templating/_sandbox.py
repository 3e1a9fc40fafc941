"""A hardened Jinja2 sandbox for templates written by content editors.

On top of :class:`jinja2.sandbox.ImmutableSandboxedEnvironment` (no ``list.append`` and friends):

- any attribute or item whose name starts with ``_`` is refused *immediately* with
  :class:`~toneloc.errors.TemplateSecurityError` (Jinja's sandbox returns an undefined value that only
  fails when printed, so ``{% if x.__class__ is defined %}`` would probe freely);
- attributes that are modules, frames, code objects or function internals are refused whatever their name;
- ``str.format`` / ``str.format_map`` are refused outright (use filters or ``{% trans %}``): they walk
  attributes and allow width-based memory bombs such as ``"{:>999999999}"``;
- ``*`` and ``**`` are capped so ``"x" * 10**9`` or ``9**9**9`` cannot exhaust memory or CPU;
- the ``format`` filter refuses huge widths and precisions; ``lipsum`` is removed;
- calling an object marked unsafe raises instead of Jinja's ``SecurityError``;
- a render budget (:class:`RenderBudget`, set per render by the template set) is checked on every call,
  every ``*``/``**`` and every 1,024 iterations of ``range`` (all ``range`` loops of a render share
  the count, so nested small loops are caught as well), and raises
  :class:`~toneloc.errors.TemplateLimitError` once the time limit has passed.
"""

from __future__ import annotations

import contextvars
import functools
import math
import re
import time
import types
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn, overload

from jinja2.runtime import Context, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from markupsafe import Markup

from toneloc.errors import TemplateLimitError, TemplateSecurityError

__all__ = ["BUDGET", "MAX_SEQUENCE", "HardenedSandbox", "RenderBudget", "refuse"]

MAX_SEQUENCE = 100_000
"""Longest string/list a template may build with ``*`` (Jinja's ``range`` has the same cap)."""
_MAX_POWER_BITS = 4096
_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d+)?(?:\.(\d+))?")
_UNSAFE_TYPES = (types.ModuleType, types.FrameType, types.CodeType, types.TracebackType)
_HINT = "templates may only read public data; ask a developer to expose a filter or a context value"


class RenderBudget:
    """How long one render may run (``time.monotonic`` deadline) and how much text it may produce.

    >>> b = RenderBudget(time_limit=None, max_output=10)
    >>> b.check()   # no time limit: never raises
    """

    __slots__ = ("deadline", "max_output", "ticks", "time_limit")

    def __init__(self, *, time_limit: float | None, max_output: int | None) -> None:
        self.time_limit = time_limit
        self.deadline = time.monotonic() + time_limit if time_limit is not None else math.inf
        self.max_output = max_output
        self.ticks = 0

    def check(self) -> None:
        """Raise :class:`~toneloc.errors.TemplateLimitError` when the deadline has passed."""
        if time.monotonic() > self.deadline:
            raise self.timeout()

    def timeout(self) -> TemplateLimitError:
        return TemplateLimitError(
            f"rendering took longer than the time limit of {self.time_limit:g} s",
            hint="a loop runs too long; raise TemplateSet(time_limit=...) only for trusted templates",
        )

    def too_long(self, size: int) -> TemplateLimitError:
        return TemplateLimitError(
            f"the rendered text exceeds the output limit of {self.max_output:,} characters ({size:,} so far)",
            hint="a loop produces too much text; raise TemplateSet(max_output=...) only for trusted templates",
        )


BUDGET: contextvars.ContextVar[RenderBudget | None] = contextvars.ContextVar("toneloc_render_budget", default=None)
"""The budget of the render in progress (``None``: unlimited)."""


class _BudgetRange(Sequence[int]):
    """``range`` for templates: the same sequence, but iterating it spends the budget of the render
    that iterates it (looked up at iteration time: a range kept in a cached imported template must
    not carry the budget of the render that created it)."""

    __slots__ = ("_range",)

    def __init__(self, rng: range) -> None:
        self._range = rng

    @property
    def start(self) -> int:
        return self._range.start

    @property
    def stop(self) -> int:
        return self._range.stop

    @property
    def step(self) -> int:
        return self._range.step

    def __len__(self) -> int:
        return len(self._range)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> _BudgetRange: ...
    def __getitem__(self, index: int | slice) -> int | _BudgetRange:
        if isinstance(index, slice):
            return _BudgetRange(self._range[index])
        return self._range[index]

    def __contains__(self, value: object) -> bool:
        return value in self._range

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _BudgetRange):
            return self._range == other._range
        return self._range == other

    def __hash__(self) -> int:
        return hash(self._range)

    def __iter__(self) -> Iterator[int]:
        return _spend(iter(self._range))

    def __reversed__(self) -> Iterator[int]:
        return _spend(reversed(self._range))

    def __repr__(self) -> str:
        return repr(self._range)


def _spend(items: Iterator[int]) -> Iterator[int]:
    budget = BUDGET.get()
    if budget is None:
        yield from items
        return
    for i in items:
        budget.ticks += 1
        if not budget.ticks & 1023:
            budget.check()
        yield i


def budget_range(*args: int) -> Sequence[int]:
    """Jinja's sandboxed ``range`` (at most 100,000 items) whose iteration is charged to the budget of
    the render in progress."""
    return _BudgetRange(safe_range(*args))


_DEFAULT_OUTPUT = 10_000_000


def _size_of(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """An upper bound of the length of the string a growing filter would build (0: unknown, let it run)."""
    def arg(i: int, key: str, default: Any) -> Any:
        return args[i] if len(args) > i else kwargs.get(key, default)

    try:
        if name == "center":
            return int(arg(1, "width", 80))
        if name == "indent":
            width = arg(1, "width", 4)
            lines = str(arg(0, "s", "")).count("\n") + 1
            return len(str(arg(0, "s", ""))) + lines * (len(width) if isinstance(width, str) else int(width))
        if name == "join":  # (eval_ctx, value, d=...)
            value, sep = arg(1, "value", ()), arg(2, "d", "")
            n = len(value) if hasattr(value, "__len__") else 0
            return n * len(str(sep))
        if name == "replace":  # (eval_ctx, s, old, new, count)
            text, old, new = str(arg(1, "s", "")), str(arg(2, "old", "")), str(arg(3, "new", ""))
            return len(text) + (len(text) + 1) * len(new) if not old else len(text) // len(old) * len(new) + len(text)
    except (TypeError, ValueError, OverflowError):
        return 0
    return 0


def _sized(name: str, filt: Callable[..., Any]) -> Callable[..., Any]:
    """Refuse, before building it, a string from *name* longer than the render's output limit
    (``'a'|center(30000000)``, ``range(1000)|join('x' * 100000)``)."""

    @functools.wraps(filt)  # keeps pass_eval_context / pass_environment
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        budget = BUDGET.get()
        limit = budget.max_output if budget is not None and budget.max_output is not None else _DEFAULT_OUTPUT
        size = _size_of(name, args, kwargs)
        if size > limit:
            raise TemplateLimitError(f"the {name} filter would build {size:,} characters (limit {limit:,})",
                                     hint="templates build replies, not bulk text")
        return filt(*args, **kwargs)

    return wrapper


def refuse(what: str, obj: Any = None) -> NoReturn:
    """Raise the security error for *what* (path and line are added by the renderer)."""
    owner = f" of {type(obj).__name__!r} object" if obj is not None else ""
    raise TemplateSecurityError(f"sandbox: {what}{owner} is not allowed", hint=_HINT)


def _safe_format(value: object, *args: object, **kwargs: object) -> str:
    text = str(value)
    for m in _FORMAT_WIDTH.finditer(text):
        for group in m.groups():
            if group and int(group) > 1000:
                refuse(f"format width/precision {group}")
    if args and kwargs:
        raise TemplateSecurityError("the format filter takes positional or keyword arguments, not both")
    result: str = text % (kwargs or args)
    return result


class HardenedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox every :class:`~toneloc.templating.TemplateSet` uses unless ``sandbox=False``."""

    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.pop("lipsum", None)
        self.globals["range"] = budget_range
        self.filters["format"] = _safe_format
        for name in ("center", "indent", "join", "replace"):
            self.filters[name] = _sized(name, self.filters[name])

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(value, _UNSAFE_TYPES) or isinstance(obj, _UNSAFE_TYPES):
            return False
        return super().is_safe_attribute(obj, attr, value)  # refuses _names and internal attributes

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        refuse(f"access to attribute {attribute!r}", obj)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("_"):
            refuse(f"access to item {argument!r}", obj)
        return super().getitem(obj, argument)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute.startswith("_"):
            refuse(f"access to attribute {attribute!r}", obj)
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if (isinstance(value, (types.MethodType, types.BuiltinMethodType))
                and value.__name__ in ("format", "format_map") and isinstance(value.__self__, str)):
            name = value.__name__

            def refused(*args: Any, **kwargs: Any) -> str:
                refuse(f"str.{name}() (use a filter or a {{% trans %}} block)")

            return refused
        return None

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = BUDGET.get()
        if budget is not None:
            budget.check()
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (isinstance(seq, (str, list, tuple, Markup)) and isinstance(times, int)
                        and len(seq) * times > MAX_SEQUENCE):
                    refuse(f"building a sequence longer than {MAX_SEQUENCE} items")
        elif (operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float))
                and abs(left) > 1 and right > 0 and right * math.log2(abs(left)) > _MAX_POWER_BITS):
            refuse(f"a power larger than 2**{_MAX_POWER_BITS}")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if not __self.is_safe_callable(__obj):
            refuse(f"calling {getattr(__obj, '__name__', type(__obj).__name__)!r}")
        budget = BUDGET.get()
        if budget is not None and time.monotonic() > budget.deadline:
            raise budget.timeout()
        return __context.call(__obj, *args, **kwargs)

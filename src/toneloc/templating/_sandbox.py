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
- calling an object marked unsafe raises instead of Jinja's ``SecurityError``.
"""

from __future__ import annotations

import math
import re
import types
from collections.abc import Callable
from typing import Any, NoReturn

from jinja2.runtime import Context, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from toneloc.errors import TemplateSecurityError

__all__ = ["MAX_SEQUENCE", "HardenedSandbox", "refuse"]

MAX_SEQUENCE = 100_000
"""Longest string/list a template may build with ``*`` (Jinja's ``range`` has the same cap)."""
_MAX_POWER_BITS = 4096
_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d+)?(?:\.(\d+))?")
_UNSAFE_TYPES = (types.ModuleType, types.FrameType, types.CodeType, types.TracebackType)
_HINT = "templates may only read public data; ask a developer to expose a filter or a context value"


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
        self.filters["format"] = _safe_format

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
        return __context.call(__obj, *args, **kwargs)

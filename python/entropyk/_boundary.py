"""The argument boundary of the native classes: every failed call raises an
``EntropykError``.

PyO3 checks the arguments of a native method before its body runs and reports a
wrong one with Python's own exceptions: ``TypeError`` (a string or None where a
number is expected, a float given as a count, an unknown or missing keyword),
``OverflowError`` (a negative count, a count >= 2**64), ``UnicodeEncodeError`` (a
lone surrogate in a name), ``ValueError`` (a sequence of the wrong length). It
reports a ``System`` used by a second thread while a first one holds it with
``RuntimeError("Already borrowed")``. :func:`install` wraps every method and
constructor of the native classes once, at import, so that these become
``ValidationError`` (itself a ``ValueError`` and a ``TypeError``) and
``ConcurrentUseError`` (itself a ``RuntimeError``); the message names the call and
the argument. Signatures are unchanged (``inspect.signature``, ``help``, stubtest
see the native ones). Exceptions that are already ``EntropykError`` pass through,
as do ``KeyboardInterrupt``, ``MemoryError`` and ``RecursionError``.

Unit keywords: an ``entropyk.units`` quantity converts to its SI value with
``float()``, so given to a keyword that names another unit (``celsius=``, ``bar=``)
it would be converted a second time (``celsius=Temperature(celsius=-70)`` meant
203 degC water). The wrapper refuses such a call with ``ValidationError``, and a
quantity of the wrong kind for a unit keyword (a ``Pressure`` given as ``kelvin=``);
a quantity given to the SI keyword of its kind (``kelvin=``, ``pa=``) is its value.
"""
from __future__ import annotations

import functools
import inspect
import re
import sys
import types
from typing import Any, Callable, Optional

__all__ = ["install"]

#: Python exceptions of argument conversion (UnicodeEncodeError is a ValueError).
_FOREIGN = (TypeError, ValueError, OverflowError)
#: PyO3's messages for a pyclass already borrowed by another thread.
_BORROWED = ("Already borrowed", "Already mutably borrowed")
#: PyO3 adds this note to an argument's conversion error.
_NOTE = re.compile(r"while processing '([^']+)'")
#: Longest message kept from the original exception.
_MAX_MESSAGE = 400

#: Classes whose objects are not frozen (their getters can meet a borrow conflict).
_MUTABLE = frozenset({"System"})

_IN_USE = (
    "this System is in use by another thread (a solve or an edit running there); "
    "give each thread its own System (copy.copy(system))"
)


def _message(label: str, exc: BaseException) -> str:
    text = str(exc).replace(".__new__()", "()")
    if len(text) > _MAX_MESSAGE:
        text = text[:_MAX_MESSAGE] + f"... ({len(text)} characters)"
    argument: Optional[str] = None
    for note in getattr(exc, "__notes__", ()):
        match = _NOTE.search(str(note))
        if match:
            argument = match.group(1)
    if isinstance(exc, OverflowError):
        text = f"expected an integer in 0 .. 2**64 - 1 ({text})"
    head = label.split("(")[0] + "("
    if text.startswith(head):
        return text
    if argument is not None:
        return f"{label}: argument '{argument}': {text}"
    return f"{label}: {text}"


def _wrap(fn: Callable[..., Any], label: str, errors: Any) -> Callable[..., Any]:
    """`fn` with foreign argument errors converted (see the module docstring)."""
    validation, concurrent = errors.ValidationError, errors.ConcurrentUseError
    base = errors.EntropykError

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if kwargs and not kwargs.keys().isdisjoint(_UNIT_KEYWORDS or _unit_keywords()):
            _check_unit_keywords(label, kwargs, validation)
        try:
            return fn(*args, **kwargs)
        except base:
            raise
        except RuntimeError as exc:
            if type(exc) is RuntimeError and str(exc) in _BORROWED:
                raise concurrent(f"{label}: {_IN_USE}") from None
            raise
        except _FOREIGN as exc:
            raise validation(_message(label, exc)) from None

    return wrapper


_UNITS_MODULE = f"{__package__}.units"
_UNIT_KEYWORDS: frozenset[str] = frozenset()


def _unit_keywords() -> frozenset[str]:
    """Every unit keyword of `entropyk.units` (``celsius``, ``bar``...); empty until that
    module is imported (no quantity exists before). Calls whose keywords are none of
    these skip the check below: a C-level set test per call."""
    global _UNIT_KEYWORDS
    if not _UNIT_KEYWORDS:
        units = sys.modules.get(_UNITS_MODULE)
        if units is not None:
            kinds = units._Quantity.__subclasses__()
            _UNIT_KEYWORDS = frozenset(name for kind in kinds for name in kind._UNITS)
    return _UNIT_KEYWORDS


def _check_unit_keywords(label: str, kwargs: dict[str, Any], validation: Any) -> None:
    """Refuses a quantity given to a unit keyword that would convert it again, or of
    the wrong kind (see the module docstring)."""
    units = sys.modules.get(_UNITS_MODULE)
    if units is None:  # no quantity can exist before entropyk.units is imported
        return
    quantity = units._Quantity
    for name, value in kwargs.items():
        if isinstance(value, quantity):
            _check_quantity(label, name, value, quantity, validation)


def _check_quantity(label: str, name: str, value: Any, quantity: Any, validation: Any) -> None:
    """The check of `_check_unit_keywords` for one quantity given as `name=`."""
    kind = next((q for q in quantity.__subclasses__() if name in q._UNITS), None)
    if kind is None:
        return  # an SI keyword without a unit in its name (h=, mass_flow=): float() is right
    given = type(value).__name__
    if not isinstance(value, kind):
        raise validation(f"{label}: argument '{name}': a {given} given where a {kind.__name__} is expected")
    if kind._UNITS[name] != (1.0, 0.0):
        raise validation(
            f"{label}: argument '{name}': {name}= takes a plain number in that unit; this {given} "
            f"would be converted twice: pass {name}=q.{name} (or the SI keyword with the {given})"
        )


def _importable(fn: Callable[..., Any], name: str) -> Callable[..., Any]:
    """Makes `fn` a global of this module under `name`, so that pickle (and
    cloudpickle, e.g. for Dask) pickle it, and methods bound to it, by reference."""
    fn.__module__ = __name__
    fn.__qualname__ = name  # __name__ stays the attribute name (bound methods pickle by it)
    globals()[name] = fn
    return fn


def _no_constructor(name: str, errors: Any) -> Callable[..., Any]:
    def new(cls: type, *args: Any, **kwargs: Any) -> Any:
        raise errors.ValidationError(f"{name} objects are made by entropyk (e.g. System.solve()), not by {name}()")

    # what a class without a constructor shows (object's `__new__(cls)`)
    new.__signature__ = inspect.Signature([inspect.Parameter("cls", inspect.Parameter.POSITIONAL_OR_KEYWORD)])  # type: ignore[attr-defined]
    return new


def _install_class(cls: type, errors: Any) -> None:
    name = cls.__name__
    native_new = "__new__" in vars(cls)
    if not native_new:
        # no native constructor (Solution, Violation): `cls()` raised a bare TypeError
        setattr(cls, "__new__", staticmethod(_importable(_no_constructor(name, errors), f"_{name}__new__")))
    for attr, value in list(vars(cls).items()):
        if attr == "__new__":
            if native_new:
                signature = inspect.signature(cls)
                params = [inspect.Parameter("cls", inspect.Parameter.POSITIONAL_ONLY), *signature.parameters.values()]
                wrapped = _importable(_wrap(_constructor(errors._construct), f"{name}()", errors), f"_{name}__new__")
                del wrapped.__wrapped__  # type: ignore[attr-defined]
                wrapped.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
                wrapped.__doc__ = cls.__doc__
                setattr(cls, "__new__", staticmethod(wrapped))
        elif isinstance(value, types.MethodDescriptorType):
            setattr(cls, attr, _importable(_wrap(value, f"{name}.{attr}()", errors), f"_{name}_{attr}"))
        elif isinstance(value, types.ClassMethodDescriptorType):
            bound = value.__get__(None, cls)
            method = _classmethod(bound, value, f"{name}.{attr}()", errors)
            setattr(cls, attr, classmethod(_importable(method, f"_{name}_{attr}")))
        elif isinstance(value, staticmethod):
            wrapped = _wrap(value.__func__, f"{name}.{attr}()", errors)
            setattr(cls, attr, staticmethod(_importable(wrapped, f"_{name}_{attr}")))
        elif isinstance(value, types.GetSetDescriptorType) and name in _MUTABLE and not attr.startswith("__"):
            getter = _importable(_wrap(value.__get__, f"{name}.{attr}", errors), f"_{name}_{attr}")
            setattr(cls, attr, property(getter, doc=value.__doc__))


def _constructor(construct: Any) -> Callable[..., Any]:
    # Once `__new__` is replaced, the class's constructor slot points at this
    # function: the native constructor is reached through `_core._construct`, which
    # calls the slot recorded when the module was initialised.
    def new(cls: type, *args: Any, **kwargs: Any) -> Any:
        return construct(cls, args, kwargs)

    return new


def _classmethod(bound: Callable[..., Any], descriptor: Any, label: str, errors: Any) -> Callable[..., Any]:
    call = _wrap(bound, label, errors)

    @functools.wraps(descriptor)
    def method(cls: type, *args: Any, **kwargs: Any) -> Any:
        return call(*args, **kwargs)

    return method


def install(core: types.ModuleType) -> None:
    """Wraps the methods and constructors of every class of the native module
    `core` (once; later calls do nothing)."""
    if getattr(core, "_boundary_installed", False):
        return
    for value in list(vars(core).values()):
        if isinstance(value, type) and not issubclass(value, BaseException):
            _install_class(value, core)
    core._boundary_installed = True  # type: ignore[attr-defined]

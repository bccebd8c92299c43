"""The one exception family the core raises; the CLI maps it to exit code 2."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any


BRIEF = 60  # characters of a user's value quoted back in a message


def brief(value: object) -> str:
    """A value as a message quotes it: cut to BRIEF characters, so that a 131,072-character cell
    does not become a 131 KB line of stderr."""
    text = str(value)
    return text if len(text) <= BRIEF else text[:BRIEF] + "…"


class ContractCalcError(Exception):
    """Base class: bad input the user can fix. Message is one line per problem."""


class InputError(ContractCalcError):
    """A file or argument could not be read or does not mean anything valid."""

    def __init__(self, message: str, *, source: str | None = None,
                 line: int | None = None, column: int | None = None,
                 field: str | None = None) -> None:
        self.source, self.line, self.column, self.field = source, line, column, field
        self.detail = message
        super().__init__(self.format())

    def __reduce__(self) -> tuple[Any, ...]:
        """Whole across a pipe (a worker's error, runtime/workers.py): by keywords, not args."""
        return (_rebuild, (type(self), (self.detail,), {
            "source": self.source, "line": self.line, "column": self.column,
            "field": self.field}))

    def format(self) -> str:
        where = ":".join(str(p) for p in (self.source, self.line, self.column) if p is not None)
        parts = [p for p in (where, self.field, self.detail) if p]
        return ": ".join(parts)


class InputErrors(ContractCalcError):
    """Several input problems found at once (e.g. every invalid field of a contract file)."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.format() for e in errors))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.errors,))


class CalendarDataMissing(ContractCalcError):
    """A working-day computation reached a year without a published holiday schedule."""

    def __init__(self, year: int) -> None:
        self.year = year
        from contractcalc.i18n import _

        super().__init__(_(
            "no official holiday schedule for {year}: working days in {year} are unknown. "
            "Supply it in the contract's 'calendar:' section or with --holidays FILE "
            "(keys {year}: holidays/workdays), or pass --assume-weekends to estimate "
            "with weekends only").format(year=year))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.year,))


def _rebuild(cls: type[Exception], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Exception:
    return cls(*args, **kwargs)

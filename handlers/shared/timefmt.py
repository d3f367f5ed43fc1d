"""Dates and times in the reader's language, by Babel; always with the time zone named."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache, wraps
from typing import ParamSpec

from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    format_time,
    get_day_names,
)
from babel.lists import format_list
from babel.units import format_unit

# Plain "en" is CLDR's US English ("Friday, May 10, 2024"); UN documents write international English
# ("Friday, 10 May 2024", "1:30 pm"), which CLDR calls en_001.
_UN_ENGLISH = "en_001"


@lru_cache(maxsize=64)  # Babel builds a new Locale on each parse; every date in every reply needs one
def _locale(lang: str) -> Locale:
    code = lang.replace("-", "_")
    try:
        return Locale.parse(_UN_ENGLISH if code == "en" else code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(_UN_ENGLISH)


P = ParamSpec("P")


def _remembered(format_: Callable[P, str]) -> Callable[P, str]:
    """A formatter's answers, remembered: Babel takes tenths of a millisecond per date, and replies show
    the same few session times over and over. Keyed by each argument's type, zone and fold as well, as
    equal instants in other zones (or either side of a clock change) are written differently."""

    plain: Callable[..., str] = format_

    @lru_cache(maxsize=4096)
    def remembered(_shape: tuple[object, ...], *args: object) -> str:
        return plain(*args)

    @wraps(format_)
    def formatted(*args: P.args, **kwargs: P.kwargs) -> str:
        if kwargs:
            return format_(*args, **kwargs)
        shape = tuple((type(a), getattr(a, "tzinfo", None), getattr(a, "fold", 0)) for a in args)
        return remembered(shape, *args)

    return formatted


def _clock_skeleton(locale: Locale) -> str:
    """12-hour ("1:30 PM") where the locale writes hours that way, else 24-hour ("13:30")."""
    return "Hm" if "H" in str(locale.time_formats["short"]) else "hm"


# The comma between two clauses ("1:30 PM EDT, Friday"). CLDR has list patterns but no plain clause comma;
# Arabic and Chinese have their own comma signs (U+060C, U+FF0C).
_CLAUSE_COMMAS = {"ar": "\u060c ", "zh": "\uff0c"}


def clause_comma(lang: str) -> str:
    return _CLAUSE_COMMAS.get(_locale(lang).language, ", ")


def zone_name(moment: datetime, lang: str) -> str:
    """The time zone database's abbreviation of the moment's zone (EDT, CEST, MSK), the same in every
    language; "UTC+04" where the database has only an offset (Asia/Dubai is "+04").

    Not Babel's "z": CLDR has short names for few zones in few locales, so it would say "EDT" in English,
    "-0400" in French and Spanish, "HAE" in Canadian French and "TU" for UTC in French. One code that every
    reader can match against a clock is worth more than a translation most languages do not have. ``lang``
    is kept so that callers need not change should a language ever get its own, agreed abbreviations."""
    abbreviation = moment.tzname() or "UTC"  # a naive moment: Babel, too, takes it for UTC
    return f"UTC{abbreviation}" if abbreviation.startswith(("+", "-")) else abbreviation


@_remembered
def day(moment: datetime | date, lang: str) -> str:
    """Friday, May 10, 2024 · vendredi 10 mai 2024 · viernes, 10 de mayo de 2024."""
    return format_date(moment, "full", locale=_locale(lang))


def weekday_name(weekday: int, lang: str) -> str:
    """0 = Monday → 'Monday' · 'lundi' · 'понедельник' · '星期一', in the locale's stand-alone form."""
    return str(get_day_names("wide", context="stand-alone", locale=_locale(lang))[weekday])


@_remembered
def long_date(moment: datetime | date, lang: str) -> str:
    """19 avril 2024 · 19 de abril de 2024 · April 19, 2024."""
    return format_date(moment, "long", locale=_locale(lang))


@_remembered
def clock(moment: datetime, lang: str) -> str:
    """'6:30 PM' · '18:30' (a skeleton, so each locale picks its own pattern)."""
    locale = _locale(lang)
    return format_skeleton(_clock_skeleton(locale), moment, tzinfo=moment.tzinfo, locale=locale)


@_remembered
def time_range(start: datetime, end: datetime | None, lang: str, zone: tzinfo | None = None) -> str:
    """'1:30 – 3:00 PM EDT, Friday, May 10, 2024' in the given zone (default: the start's own)."""
    locale = _locale(lang)
    zone = zone or start.tzinfo
    start = start.astimezone(zone)
    if end is None:
        hours = format_time(start, "short", locale=locale, tzinfo=zone)
    else:
        hours = format_interval(
            start, end.astimezone(zone), _clock_skeleton(locale), locale=locale, tzinfo=zone
        )
    return f"{hours} {zone_name(start, lang)}{clause_comma(lang)}{day(start, lang)}"


@_remembered
def hours(start: datetime, end: datetime | None, lang: str) -> str:
    """'1:30 – 3:00 PM' · '13:30 – 15:00': the clock times only, for lists under a day heading."""
    locale = _locale(lang)
    if end is None:
        return clock(start, lang)
    return format_interval(start, end, _clock_skeleton(locale), locale=locale, tzinfo=start.tzinfo)


@_remembered
def duration(length: timedelta, lang: str) -> str:
    """'1 hour and 30 minutes' · '1 heure et 30 minutes' · '2 horas'."""
    locale = _locale(lang)
    whole_minutes = int(length.total_seconds() // 60)
    parts = [
        _unit(amount, unit, locale)
        for amount, unit in ((whole_minutes // 60, "duration-hour"), (whole_minutes % 60, "duration-minute"))
        if amount
    ]
    return format_list(parts, locale=locale) if parts else _unit(0, "duration-minute", locale)


def days(count: int, lang: str) -> str:
    """'1 day' · '9 days' · '9 jours' · '9 дней' · '2 дня' · 'يومان' · '9天': CLDR plural forms (Babel)."""
    return _unit(count, "duration-day", _locale(lang))


def days_until(due: date, moment: datetime, zone: tzinfo) -> int:
    """Whole days from ``moment``'s date in ``zone`` to ``due`` (0 on the day itself)."""
    return (due - moment.astimezone(zone).date()).days


def _unit(amount: int, unit: str, locale: Locale) -> str:
    """The long unit ('2 hours'); Babel has no long pattern for some locales (zh prints the unit id), so
    those get the short one ('2小时'), which is what they write anyway."""
    text = format_unit(amount, unit, length="long", locale=locale)
    return text if unit not in text else format_unit(amount, unit, length="short", locale=locale)


def join(items: list[str], lang: str) -> str:
    """'a, b and c' · 'a、b和c' · 'a وb وc': Babel's list pattern of the language."""
    return format_list(items, locale=_locale(lang))

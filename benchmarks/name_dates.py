"""Date pins in model names, in every format upstream writes them.

A pin is (year | None, month | None, day | None): "20250929" -> (2025, 9, 29), "(Aug 2024)" -> (2024, 8, None),
"0528" -> (None, 5, 28), "2507" -> (2025, 7, None), "11-2025" -> (2025, 11, None). Two pins are compatible
when every part both of them know is equal.
"""
import datetime as dt
import re

DatePin = tuple

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "oct": 10, "nov": 11, "dec": 12}
# Precompiled: date detection runs on every word of every name.
YYYYMMDD = re.compile(r"20\d{6}")
FOUR_DIGITS = re.compile(r"\d{4}")
TWO_DIGITS = re.compile(r"\d{2}")
YEAR = re.compile(r"20\d{2}")
MONTH = re.compile(r"(0\d|1[0-2])")
PHRASE_SPLIT = re.compile(r"[\s\-/.,]+")
QUOTED_YEAR = re.compile(r"'?(\d{2}|\d{4})'?")
MONTH_QUOTE = re.compile(r"[a-z]+'")


def dates_compatible(first: DatePin, second: DatePin) -> bool:
    """True when no part known to both pins differs."""
    return all(a is None or b is None or a == b for a, b in zip(first, second))


def format_date(pin: DatePin) -> str:
    """ISO-like text: "2025-09-29", "2024-08", "--05-28" (no year)."""
    year, month, day = pin
    if year and day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if year:
        return f"{year:04d}-{month:02d}"
    return f"--{month:02d}-{day:02d}"


def _valid(month: int, day: int | None = None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def parse_compact(word: str) -> DatePin | None:
    """One word: YYYYMMDD, MMDD (month 01-12) or YYMM (year 23-29, as Qwen's 2507 and Mistral's 2512)."""
    if YYYYMMDD.fullmatch(word):
        year, month, day = int(word[:4]), int(word[4:6]), int(word[6:])
        return (year, month, day) if _valid(month, day) else None
    if FOUR_DIGITS.fullmatch(word):
        first, second = int(word[:2]), int(word[2:])
        if _valid(first, second):
            return (None, first, second)
        if 23 <= first <= 29 and _valid(second):
            return (2000 + first, second, None)
    return None


def parse_date_phrase(text: str) -> DatePin | None:
    """A whole parenthesised phrase that is only a date: "aug 2024", "may '25", "2025-08-07", "0528"."""
    text = text.strip().lower().replace("’", "'")
    words = [w for w in PHRASE_SPLIT.split(text) if w]
    if not words:
        return None
    month = MONTHS.get(words[0][:3]) if words[0].isalpha() else None
    if month and len(words) == 2:
        year = QUOTED_YEAR.fullmatch(words[1]) or re.fullmatch(r"(\d{2})", words[1].strip("'"))
        if year:
            value = int(year.group(1))
            return (value if value > 99 else 2000 + value, month, None)
    if MONTH_QUOTE.fullmatch(words[0]) and len(words) == 2:  # "May' 25"
        month = MONTHS.get(words[0][:3])
        if month and words[1].isdigit():
            return (2000 + int(words[1][-2:]), month, None)
    remaining, pins = pop_dates(words)
    return pins[0] if pins and not remaining else None


def pop_dates(words: list[str]) -> tuple[list[str], list[DatePin]]:
    """Remove date words from a lower-case word list; return the rest and the pins found."""
    out: list[str] = []
    pins: list[DatePin] = []
    index = 0
    while index < len(words):
        pin, used = _date_at(words, index)
        if pin:
            pins.append(pin)
            index += used
        else:
            out.append(words[index])
            index += 1
    return out, pins


def _date_at(words: list[str], index: int) -> tuple[DatePin | None, int]:
    """The date that starts at words[index], if any, and how many words it spans."""
    word = words[index]
    if not word[:1].isdigit():
        return None, 0  # every date form starts with a digit
    following = words[index + 1:index + 3]
    if YEAR.fullmatch(word) and len(following) == 2 and all(TWO_DIGITS.fullmatch(w) for w in following):
        month, day = int(following[0]), int(following[1])
        if _valid(month, day):
            return (int(word), month, day), 3
    if MONTH.fullmatch(word) and following:
        if YEAR.fullmatch(following[0]):
            return (int(following[0]), int(word), None), 2  # "11-2025", "03-2025"
        if TWO_DIGITS.fullmatch(following[0]) and _valid(int(word), int(following[0])):
            return (None, int(word), int(following[0])), 2  # "06-05"
    pin = parse_compact(word)
    return (pin, 1) if pin else (None, 0)


def pin_near(pin: DatePin, other: "DatePin | dt.date", days: int = 30) -> bool:
    """True when a pin with a year lies within `days` of another dated pin or date (month pins as a span)."""
    if isinstance(other, dt.date):
        other = (other.year, other.month, other.day)
    if not pin[0] or not other[0]:
        return False
    first, last = _span(pin)
    other_first, other_last = _span(other)
    return (other_first - last).days <= days and (first - other_last).days <= days


def _span(pin: DatePin) -> tuple[dt.date, dt.date]:
    year, month, day = pin
    if day:
        try:
            day_date = dt.date(year, month, day)
        except ValueError:  # "0231": a pin that is no calendar day still sits in its month
            day_date = dt.date(year, month, 28)
        return day_date, day_date
    start = dt.date(year, month, 1)
    return start, (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)

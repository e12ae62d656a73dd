"""Dates at their precision: every CESO instant is a UTC date-time (time:inXSDDateTimeStamp) with a
ceso:datePrecision of time:unitDay, unitMonth or unitYear; a person reads "10 July 2015", "July 2015", "2015"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ceso.namespaces import TIME

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAY, MONTH, YEAR = TIME + "unitDay", TIME + "unitMonth", TIME + "unitYear"


@dataclass(frozen=True)
class Instant:
    day: date
    precision: str = DAY  # a time:unit… IRI

    @classmethod
    def parse(cls, stamp: str, precision: str | None = None) -> "Instant | None":
        """From an xsd:dateTime's lexical form (the date part is what CESO's instants mean)."""
        try:
            return cls(date.fromisoformat(stamp[:10]), precision or DAY)
        except ValueError:
            return None

    def words(self) -> str:
        d = self.day
        if self.precision == YEAR:
            return str(d.year)
        if self.precision == MONTH:
            return f"{MONTHS[d.month - 1]} {d.year}"
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    def iso(self) -> str:
        """ISO 8601 at the precision: 2015, 2015-07, 2015-07-10."""
        return self.day.isoformat()[:{YEAR: 4, MONTH: 7}.get(self.precision, 10)]

    def last_day(self) -> date:
        """The last day the instant may stand for (a year's 31 December), for drawing its uncertainty."""
        d = self.day
        if self.precision == YEAR:
            return date(d.year, 12, 31)
        if self.precision == MONTH:
            following = date(d.year + d.month // 12, d.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return d


def span_words(start: Instant | None, end: Instant | None) -> str:
    """"10 July 2015 – 1 September 2025", "2013 – today", "until 1999"."""
    if start is None and end is None:
        return "dates unknown"
    if end is None:
        return f"{start.words()} – today"
    if start is None:
        return f"until {end.words()}"
    return f"{start.words()} – {end.words()}"

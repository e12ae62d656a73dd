"""A Timeline as SVG, written with the standard library: readable without JavaScript, in print and in
black and white (each status has a pattern as well as a colour), every bar a link with its dates and
sources in a tooltip and an accessible name."""

from __future__ import annotations

from datetime import date
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from ceso.dates import span_words
from ceso.timeline import STATUSES, Bar, Timeline, status_label

# Okabe-Ito colours (distinct for colour-blind readers) with a pattern each for black and white.
STYLE = {
    "FullMember": ("#1f4e79", None),
    "AssociateMember": ("#56b4e9", "M0 3H6"),
    "Observer": ("#e69f00", "M0 6L6 0"),
    "DialoguePartner": ("#009e73", "dots"),
    "Partner": ("#cc79a7", "M0 6L6 0M0 0L6 6"),
    "Guest": ("#999999", "M3 0V6"),
    "StateParty": ("#0072b2", "M0 0L6 6"),
}
CAUSE_WORDS = {"Suspension": "suspended", "Withdrawal": "withdrew", "NonRenewal": "not renewed",
               "Succession": "passed to a successor", "StatusChange": "status changed", "StatusReform": "status reform",
               "Dissolution": "dissolved", "Expulsion": "expelled"}
ROW, BAR, AXIS, CHAR = 24, 14, 22, 6.6  # px; CHAR is a 12 px sans-serif letter, roughly


def _attr(value) -> str:
    return quoteattr(str(value))


def _tooltip(t: Timeline, bar: Bar) -> str:
    text = f"{t.label(bar.member)}, {status_label(bar.status)} of {t.label(bar.organization)}: {span_words(bar.start, bar.end)}"
    if bar.end_cause:
        text += f" ({CAUSE_WORDS.get(bar.end_cause, status_label(bar.end_cause))})"
    for f in bar.freezes:
        text += f"; participation frozen {span_words(f.start, f.end)}"
    return text + f"; {bar.sources} source{'s' if bar.sources != 1 else ''}"


def render(t: Timeline, *, by: str = "member", title: str = "", link: Callable[[str], str] = lambda iri: iri,
           today: date | None = None, width: int = 960) -> str:
    today = today or date.today()
    rows = t.rows(by)
    starts = [b.start.day for b in t.bars if b.start] or [today]
    first_year, last_year = min(starts).year, today.year + 1
    label_width = min(300, max([len(label) for label, _, _ in rows] + [8]) * CHAR + 16)
    plot = width - label_width - 24
    top = (30 if title else 8) + AXIS
    legend, legend_bottom = _legend(t, top + len(rows) * ROW + 14, width)
    height = int(legend_bottom) + 8
    origin = date(first_year, 1, 1).toordinal()
    span = date(last_year, 1, 1).toordinal() - origin

    def x(d: date) -> float:
        return round(label_width + plot * (d.toordinal() - origin) / span, 1)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f"<title>{escape(title or 'Membership timeline')}</title>",
           "<style>a:hover rect.bar,a:focus rect.bar{stroke:#000;stroke-width:2.5}a:focus{outline:none}"
           " text{fill:#1d2329} .axis{fill:#52606d}</style>", "<defs>"]
    for status, (colour, path) in STYLE.items():
        out.append(f'<pattern id="p-{status}" width="6" height="6" patternUnits="userSpaceOnUse">'
                   f'<rect width="6" height="6" fill="{colour}"/>')
        if path == "dots":
            out.append('<circle cx="3" cy="3" r="1.3" fill="#000" fill-opacity=".55"/>')
        elif path:
            out.append(f'<path d="{path}" stroke="#000" stroke-opacity=".55" stroke-width="1.2"/>')
        out.append("</pattern>")
    out.append('<pattern id="p-frozen" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" '
               'fill="#fff" fill-opacity=".6"/><path d="M0 5L5 0" stroke="#b00020" stroke-width="1.6"/></pattern></defs>')
    if title:
        out.append(f'<text x="4" y="18" font-size="15" font-weight="bold">{escape(title)}</text>')
    # Year axis: a tick every 1, 2 or 5 years as the span allows, light lines through the rows.
    years = last_year - first_year
    step = 1 if years <= 12 else 2 if years <= 26 else 5
    bottom = top + len(rows) * ROW
    for year in range(first_year, last_year + 1):
        if year % step:
            continue
        px = x(date(year, 1, 1))
        out.append(f'<line x1="{px}" y1="{top - 4}" x2="{px}" y2="{bottom}" stroke="#d9e2ec"/>'
                   f'<text class="axis" x="{px}" y="{top - 8}" text-anchor="middle">{year}</text>')
    px = x(today)
    out.append(f'<line x1="{px}" y1="{top - 4}" x2="{px}" y2="{bottom}" stroke="#52606d" stroke-dasharray="3 3"/>')
    for i, (label, iri, bars) in enumerate(rows):
        y = top + i * ROW
        if i % 2:
            out.append(f'<rect x="0" y="{y}" width="{width}" height="{ROW}" fill="#f5f7fa"/>')
        name = escape(label)
        out.append(f'<a href={_attr(link(iri))}><text x="4" y="{y + ROW / 2 + 4}">{name}</text></a>' if iri else
                   f'<text x="4" y="{y + ROW / 2 + 4}">{name}</text>')
        for bar in bars:
            out.extend(_bar(t, bar, x, y, today, first_year, link))
    out.extend(legend)
    out.append("</svg>")
    return "\n".join(out)


def _bar(t: Timeline, bar: Bar, x, y: int, today: date, first_year: int, link) -> list[str]:
    start = bar.start.day if bar.start else date(first_year, 1, 1)
    end = bar.end.day if bar.end else today
    x0, x1 = x(start), max(x(end), x(start) + 2)
    by = y + (ROW - BAR) / 2
    tip = escape(_tooltip(t, bar))
    parts = [f'<a href={_attr(link(bar.membership))} aria-label={_attr(_tooltip(t, bar))} data-status="{bar.status}">',
             f"<title>{tip}</title>",
             f'<rect class="bar" x="{x0}" y="{by}" width="{round(x1 - x0, 1)}" height="{BAR}" fill="url(#p-{bar.status})" '
             f'stroke="#1d2329" stroke-width=".6"/>']
    # A date known only to its month or year: the span it may fall in is paler.
    for instant in (bar.start, bar.end):
        if instant is not None and instant.last_day() != instant.day:
            ux0, ux1 = x(instant.day), x(instant.last_day())
            parts.append(f'<rect x="{ux0}" y="{by}" width="{round(max(ux1 - ux0, 1), 1)}" height="{BAR}" fill="#fff" fill-opacity=".45"/>')
    for f in bar.freezes:
        fx0 = x(f.start.day) if f.start else x0
        fx1 = x(f.end.day) if f.end else x1
        parts.append(f'<rect class="frozen" x="{fx0}" y="{by - 2}" width="{round(max(fx1 - fx0, 2), 1)}" height="{BAR + 4}" '
                     'fill="url(#p-frozen)" stroke="#b00020"/>')
    if bar.end is None:  # still open: an arrow past today's line
        parts.append(f'<path d="M{x1} {by - 2}l7 {BAR / 2 + 2}l-7 {BAR / 2 + 2}z" fill="#1d2329"/>')
    elif bar.end_cause == "Suspension":
        parts.append(f'<path class="suspended" d="M{x1 - 5} {by - 3}l10 {BAR + 6}M{x1 + 5} {by - 3}l-10 {BAR + 6}" '
                     'stroke="#b00020" stroke-width="2.5"/>')
    parts.append("</a>")
    return parts


def _legend(t: Timeline, y: float, width: int) -> tuple[list[str], float]:
    present = [s for s in STATUSES if any(b.status == s for b in t.bars)]
    items = [(f'<rect width="22" height="12" fill="url(#p-{s})" stroke="#1d2329" stroke-width=".6"/>', status_label(s))
             for s in present]
    if any(b.freezes for b in t.bars):
        items.append(('<rect width="22" height="12" fill="url(#p-frozen)" stroke="#b00020"/>', "participation frozen"))
    if any(b.end_cause == "Suspension" for b in t.bars):
        items.append(('<path d="M6 -1l10 14M16 -1l-10 14" stroke="#b00020" stroke-width="2.5"/>', "suspended"))
    items.append(('<path d="M4 0l8 6l-8 6z" fill="#1d2329"/>', "continues"))
    items.append(('<rect width="22" height="12" fill="#1f4e79"/><rect width="11" height="12" fill="#fff" fill-opacity=".45"/>',
                  "date known to the month or year"))
    out, px, py = [], 4.0, y
    for swatch, text in items:
        w = 30 + len(text) * CHAR + 18
        if px + w > width:
            px, py = 4.0, py + 20
        out.append(f'<g class="legend" transform="translate({px} {py})">{swatch}<text x="28" y="11">{escape(text)}</text></g>')
        px += w
    return out, py + 14


def to_png(svg: str, scale: float = 2.0) -> bytes:
    """The SVG as PNG (twice the size by default, for print), through cairosvg and the cairo library."""
    try:
        import cairosvg
    except (ImportError, OSError) as err:  # OSError: the package is there but libcairo is not
        raise RuntimeError(f"PNG output needs cairosvg and the cairo library ({err}); "
                           "pip install 'ceso[png]' (Debian: apt-get install libcairo2), or write SVG") from None
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale, background_color="white")

"""Writing a Register as CSV, Excel (xlsx) or a self-contained printable HTML page.

The CSV and the first sheet of the workbook hold only the table (header on the first row),
so that `collabgraph import register` reads them back; the title, scope, edition, as-of
date and source documents go on the workbook's "About" sheet and at the top of the page.
"""

from __future__ import annotations

import csv
import html
import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from graphmodel.exports.register import STATUS_LABELS, Register
from graphmodel.neutralise import spreadsheet_text

__all__ = ["render_register", "to_csv", "to_xlsx", "to_html"]

_STATUS_FILL = {
    "Member": "d9ead3",
    "NP": "f4cccc",
    "Tbc": "fff2cc",
    "Proposed": "cfe2f3",
    "Withdrawn": "e6b8af",
    "Former": "eeeeee",
    "Declined": "f4cccc",
}
_WIDE = {"Activity", "Agreement", "Comments", "Other participants", "Source", "Purpose"}


def to_csv(register: Register) -> str:
    """The register as CSV text (header row first), every cell safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([spreadsheet_text(v) for v in row] for row in register.matrix())
    return out.getvalue()


def _append_text(sheet: Worksheet, values: list[str]) -> None:
    """Append a row whose cells are text, never formulas: a value that starts like a formula
    keeps its exact text and gets the spreadsheet's own "text" mark (a hidden apostrophe)."""
    sheet.append([ILLEGAL_CHARACTERS_RE.sub(" ", v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if spreadsheet_text(cell.value) != cell.value:
                cell.quotePrefix = True


def _width(header: str, values: list[str]) -> float:
    longest = max([len(header)] + [len(v) for v in values])
    limit = 60 if header in _WIDE else 24
    return float(min(max(longest + 2, 6), limit))


def to_xlsx(register: Register) -> bytes:
    """The register as a workbook: the table (frozen header, readable widths), an About sheet."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    matrix = register.matrix()
    for values in matrix:
        _append_text(sheet, values)
    thin = Side(style="thin", color="999999")
    header_fill = PatternFill("solid", fgColor="1f4e79")
    status_cols = {i + 1 for i in register.status_columns()}
    for col, header in enumerate(matrix[0], start=1):
        cell = sheet.cell(row=1, column=col)
        cell.font = Font(bold=True, color="ffffff")
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        width = _width(header, [row[col - 1] for row in matrix[1:]])
        sheet.column_dimensions[get_column_letter(col)].width = width
    for r in range(2, len(matrix) + 1):
        for col in range(1, len(matrix[0]) + 1):
            cell = sheet.cell(row=r, column=col)
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            cell.alignment = Alignment(
                wrap_text=True,
                vertical="top",
                horizontal="center" if col in status_cols else "left",
            )
            fill = _STATUS_FILL.get(str(cell.value or "")) if col in status_cols else None
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
    sheet.freeze_panes = "D2" if register.kind == "regional" else "C2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    about = book.create_sheet("About")
    _append_text(about, [register.title])
    about["A1"].font = Font(bold=True, size=14)
    _append_text(about, ["Register", register.register])
    _append_text(about, ["Region", register.region_name])
    _append_text(about, ["Edition (document)", register.edition or ""])
    basis = f" ({register.as_of_basis})" if register.as_of_basis else ""
    _append_text(about, ["As of", register.as_of + basis])
    if register.time_note:
        _append_text(about, ["Left out as of that date", register.time_note])
    _append_text(
        about,
        [
            "Participation",
            "; ".join(f"{v} = {k.replace('_', ' ')}" for k, v in STATUS_LABELS.items())
            + "; blank = not stated",
        ],
    )
    about.append([])
    _append_text(about, ["Sources"])
    about.cell(row=about.max_row, column=1).font = Font(bold=True)
    for doc in register.documents:
        _append_text(
            about, [doc["id"], f"{doc['title']}, {doc['body']} ({doc['date'] or 'undated'})"]
        )
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_CSS = """
@page { size: A4 landscape; margin: 10mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #111; margin: 16px; }
h1 { font-size: 15pt; margin: 0 0 4px; }
p.meta { margin: 0 0 10px; color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 3px 5px; vertical-align: top; text-align: left; }
thead th { background: #1f4e79; color: #fff; position: sticky; top: 0; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.status { text-align: center; white-space: nowrap; }
td.src { font-size: 8pt; color: #444; }
.s-Member { background: #d9ead3; } .s-NP { background: #f4cccc; } .s-Tbc { background: #fff2cc; }
.s-Proposed { background: #cfe2f3; } .s-Withdrawn { background: #e6b8af; }
.s-Former { background: #eee; }
.s-Declined { background: #f4cccc; }
ul.sources { font-size: 9pt; padding-left: 18px; }
@media print { body { margin: 0; } thead th { position: static; } }
"""


def to_html(register: Register) -> str:
    """The register as one self-contained, printable HTML page (no scripts, fonts or links)."""
    esc = html.escape
    matrix = register.matrix()
    status_cols = set(register.status_columns())
    source_col = len(matrix[0]) - 1
    head = "".join(f"<th>{esc(h)}</th>" for h in matrix[0])
    body = []
    for values in matrix[1:]:
        cells = []
        for i, value in enumerate(values):
            if i in status_cols:
                cells.append(f'<td class="status s-{esc(value)}">{esc(value)}</td>')
            elif i == source_col:
                cells.append(f'<td class="src">{esc(value)}</td>')
            else:
                cells.append(f"<td>{esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    legend = "; ".join(f"{esc(v)} = {esc(k.replace('_', ' '))}" for k, v in STATUS_LABELS.items())
    sources = "".join(
        f"<li><b>{esc(d['id'])}</b>: {esc(d['title'])}, {esc(d['body'] or '')} "
        f"({esc(d['date'] or 'undated')})</li>"
        for d in register.documents
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(register.title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{esc(register.title)}</h1>"
        f'<p class="meta">Register <code>{esc(register.register)}</code>; '
        f"{len(register.rows)} rows. "
        f"Participation: {legend}; blank = not stated.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f'<h2 style="font-size:11pt">Sources</h2><ul class="sources">{sources}</ul>'
        "</body></html>\n"
    )


def render_register(register: Register, fmt: str) -> bytes:
    """The register rendered as `fmt` (csv, xlsx or html)."""
    if fmt == "csv":
        return to_csv(register).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(register)
    return to_html(register).encode("utf-8")

"""The dossier as a Word document (python-docx): headings, tables for leaders and agreements, numbered
statements whose citation marks link to the endnotes listing their sources."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from hoptac.report.dossier import Dossier
from hoptac.report.render import date_vi

TABLE_SECTIONS = {"leaders", "agreements"}  # shown as tables, numbered like the others


def _bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(bookmark_id))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _link_to(paragraph: Paragraph, anchor: str, text: str) -> None:
    """A superscript mark that jumps to the bookmark `anchor` (an internal hyperlink)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "1F4E9A")
    props.append(align)
    props.append(color)
    run.append(props)
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _cite(paragraph: Paragraph, numbers: list[int]) -> None:
    for n in numbers:
        _link_to(paragraph, f"nguon_{n}", f"[{n}]")


def docx(dossier: Dossier) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    doc.core_properties.title = f"Hồ sơ quan hệ hợp tác: {dossier.names[0]} – {dossier.names[1]}"
    doc.core_properties.author = "hoptac"
    doc.core_properties.language = "vi-VN"
    doc.add_heading(f"Hồ sơ quan hệ hợp tác: {dossier.names[0]} – {dossier.names[1]}", level=0)
    period = ""
    if dossier.since or dossier.until:
        period = (f" · giai đoạn {date_vi(dossier.since) if dossier.since else '…'} – "
                  f"{date_vi(dossier.until) if dossier.until else 'nay'}")
    meta = doc.add_paragraph(f"{dossier.a} – {dossier.b}{period} · lập ngày {date_vi(dossier.generated)} bằng hoptac")
    meta.runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    for index, section in enumerate(dossier.sections, 1):
        doc.add_heading(f"{index}. {section.title}", level=1)
        if not section.items:
            doc.add_paragraph(section.note).runs[0].italic = True
        elif section.key in TABLE_SECTIONS:
            table = doc.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, title in zip(table.rows[0].cells, ("Số", "Nội dung", "Nguồn"), strict=True):
                cell.paragraphs[0].add_run(title).bold = True
            for item in section.items:
                cells = table.add_row().cells
                cells[0].text = str(item.number)
                cells[1].text = item.text
                _cite(cells[2].paragraphs[0], item.citations)
        else:
            for item in section.items:
                paragraph = doc.add_paragraph(f"{item.number}. {item.text}")
                paragraph.paragraph_format.left_indent = Pt(18)
                paragraph.paragraph_format.first_line_indent = Pt(-18)
                _cite(paragraph, item.citations)
    doc.add_heading("Nguồn trích dẫn", level=1)
    for bookmark_id, c in enumerate(dossier.citations, 1):
        parts = [c.title or c.article]
        if c.outlet:
            parts.append(c.outlet)
        parts.append(date_vi(c.published))
        if c.url:
            parts.append(c.url)
        text = f"[{c.number}] " + ", ".join(parts)
        if c.quote:
            quote = " ".join(c.quote.split())
            text += f": “{quote[:300]}{'…' if len(quote) > 300 else ''}”"
        paragraph = doc.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(10)
        _bookmark(paragraph, f"nguon_{c.number}", bookmark_id)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

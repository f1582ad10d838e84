"""Helpers shared by the scripts that make the bundled and test documents
(see fixtures.py and examples.py for how to install what they need)."""

import io

from reportlab.pdfbase import pdfmetrics

MING = "/usr/share/fonts/truetype/arphic-bsmi00lp/bsmi00lp.ttf"


def register_ming():
    """AR PL Mingti (Debian fonts-arphic-bsmi00lp), embedded as a subset."""
    from reportlab.pdfbase.ttfonts import TTFont
    if "Ming" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Ming", MING))


def cid_fonts():
    """The non-embedded Adobe CID fonts every PDF reader knows."""
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    for face in ("STSong-Light", "MSung-Light"):
        if face not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(face))


def write_pdf(path, pages, encrypt=None):
    """A PDF with one page per function in `pages` (each draws on a canvas).
    Fixed creation date and ids, so the bytes only change when the content does."""
    from reportlab.pdfgen import canvas
    from reportlab import rl_config
    rl_config.invariant = 1
    c = canvas.Canvas(path, encrypt=encrypt, pageCompression=1)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()


def image_png():
    """A small grey picture with no text in it."""
    from PIL import Image, ImageDraw
    img = Image.new("RGB", (120, 80), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([10, 10, 110, 70], outline="black", fill=(200, 200, 200))
    d.line([10, 10, 110, 70], fill="black")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _run(text, deleted=False):
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def tracked(paragraph, kind, text, rid):
    """Appends a tracked insertion (`ins`) or deletion (`del`) to a paragraph."""
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    el = OxmlElement("w:" + kind)
    el.set(qn("w:id"), str(rid))
    el.set(qn("w:author"), "編輯")
    el.set(qn("w:date"), "2025-01-02T00:00:00Z")
    el.append(_run(text, deleted=(kind == "del")))
    paragraph._p.append(el)


def docx_tracked():
    """A short draft with a table and tracked changes."""
    from docx import Document
    doc = Document()
    doc.add_heading("甲公司業績點評", 1)
    p = doc.add_paragraph("甲公司去年收入增長")
    tracked(p, "del", "12.5%", 1)
    tracked(p, "ins", "10.2%", 2)
    p.add_run("，毛利率升至32.6%。")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([("項目", "2023年", "2024年"), ("收入", "1,120.4", "1,234.5"),
                             ("毛利", "354.1", "402.1")]):
        for k, cell in enumerate(row):
            table.cell(r, k).text = cell
    q = doc.add_paragraph("經營虧損收窄至")
    tracked(q, "ins", "12.8百萬元", 3)
    tracked(q, "del", "15.0百萬元", 4)
    q.add_run("。")
    return doc


def save_docx(path, doc):
    """Saves a python-docx document with fixed core properties (stable bytes)."""
    import datetime
    props = doc.core_properties
    props.author = "claimcheck"
    props.created = props.modified = datetime.datetime(2025, 1, 1)
    props.last_modified_by = "claimcheck"
    props.revision = 1
    doc.save(path)
    stable_zip(path)


def stable_zip(path):
    """Rewrites an Office file with fixed entry dates, so that its bytes
    change only when its content does."""
    import re
    import zipfile
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info.filename)) for info in z.infolist()]
    # openpyxl stamps the save time into the core properties.
    entries = [(info, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", data)
                if info.filename == "docProps/core.xml" else data) for info, data in entries]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)


def save_workbook(wb, path):
    """Saves an openpyxl workbook with fixed properties and entry dates."""
    import datetime
    when = datetime.datetime(2025, 1, 1)
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = wb.properties.lastModifiedBy = "claimcheck"
    wb.save(path)
    stable_zip(path)

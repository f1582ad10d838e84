#!/usr/bin/env python3
"""Builds the binary inputs of the tests/cases/format-* fixture folders.

The generated files are committed (CI does not regenerate them); run this
again only to change them, from the repository root:

    apt-get install fonts-arphic-bsmi00lp      # the embedded Traditional Chinese font
    pip install reportlab==4.* python-docx openpyxl pillow
    python3 sources/make/fixtures.py

The sentences are the project's own; no figures come from real filings.
"""

import io
import os
import sys

from reportlab.pdfbase import pdfmetrics

sys.path.insert(0, os.path.dirname(__file__))
from common import (  # noqa: E402
    cid_fonts, docx_tracked, image_png, register_ming, save_docx, save_workbook, write_pdf,
)

CASES = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "cases")


def case(name, *parts):
    path = os.path.join(CASES, name, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def embedded_font():
    """A Traditional Chinese page in an embedded TrueType subset, with a table."""
    register_ming()

    def page(c):
        c.setFont("Ming", 12)
        c.drawString(72, 760, "甲公司2024年業績摘要")
        c.drawString(72, 736, "本公司收入為人民幣1,234.5百萬元，較上年增長10.2%。")
        c.drawString(72, 718, "毛利率由31.6%上升至32.6%，經營虧損收窄至人民幣12.8百萬元。")
        c.drawString(72, 690, "主要財務數據")
        rows = [("項目", "2023年", "2024年"), ("收入", "1,120.4", "1,234.5"),
                ("毛利", "354.1", "402.1"), ("經營虧損", "(35.2)", "(12.8)")]
        for i, (a, b, d) in enumerate(rows):
            y = 668 - 18 * i
            c.drawString(72, y, a)
            c.drawRightString(300, y, b)
            c.drawRightString(400, y, d)

    write_pdf(case("format-pdf-embedded-font", "results.pdf"), [page])


def cid_font():
    """Non-embedded CID fonts: STSong-Light (UniGB-UCS2-H, as it should be),
    MSung-Light as reportlab writes it (Adobe-CNS1 with a UniGB CMap, which
    pdftotext drops), and a second MSung-Light rewritten to a correct
    UniCNS-UCS2-H (on which lopdf's own extract_text fails)."""
    cid_fonts()
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    second = UnicodeCIDFont("MSung-Light")
    second.name = second.fontName = "MSung-Light-CNS"
    pdfmetrics.registerFont(second)

    def page(c):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, "营业收入为人民币5.40亿元，同比增长86.6%。")
        c.setFont("MSung-Light", 12)
        c.drawString(72, 736, "研發開支為人民幣7.48億元。")
        c.setFont("MSung-Light-CNS", 12)
        c.drawString(72, 712, "毛利率為44.3%。")

    path = case("format-pdf-cid-font", "cid.pdf")
    write_pdf(path, [page])
    chunks = open(path, "rb").read().split(b"endobj")
    msung = [i for i, c in enumerate(chunks)
             if b"/BaseFont /MSung-Light" in c and b"/Encoding /UniGB-UCS2-H" in c]
    # The last MSung font object; same length, so the cross-reference offsets hold.
    chunks[msung[-1]] = chunks[msung[-1]].replace(b"/Encoding /UniGB-UCS2-H", b"/Encoding/UniCNS-UCS2-H")
    open(path, "wb").write(b"endobj".join(chunks))


def pages(path, bodies, image_pages=()):
    """A PDF whose page i says bodies[i] (a list of lines)."""
    register_ming()

    def make(lines, with_image):
        def page(c):
            if with_image:
                from reportlab.lib.utils import ImageReader
                c.drawImage(ImageReader(io.BytesIO(image_png())), 72, 400, 300, 200)
                return
            c.setFont("Ming", 11)
            for k, line in enumerate(lines):
                c.drawString(72, 760 - 16 * k, line)
            c.setFont("Helvetica", 9)
            c.drawCentredString(300, 40, "- %d -" % (bodies.index(lines) + 1))
        return page

    write_pdf(path, [make(b, i in image_pages) for i, b in enumerate(bodies)])


PAGE_BODIES = [
    ["第一頁：概要", "本公司從事儲能系統的研發及銷售。"],
    ["第二頁：業務", "我們的產品銷往十二個國家。", "員工總數為1,912名。"],
    ["第三頁：財務資料", "2024年收入為人民幣540.1百萬元，", "較2023年的人民幣289.4百萬元增長86.6%。",
     "毛利率為44.3%。"],
    ["第四頁：風險", "我們依賴少數客戶。"],
]


def multi_page():
    pages(case("format-pdf-page-3", "report.pdf"), PAGE_BODIES)


def image_page():
    bodies = [PAGE_BODIES[0], ["(scanned)"], PAGE_BODIES[2]]
    pages(case("format-pdf-image-page", "scan.pdf"), bodies, image_pages={1})


def encrypted():
    register_ming()

    def page(c):
        c.setFont("Ming", 12)
        c.drawString(72, 760, "收入為人民幣540.1百萬元。")

    write_pdf(case("format-pdf-encrypted", "locked.pdf"), [page], encrypt="s3cret")


def garbage():
    path = case("format-pdf-garbage", "notes.pdf")
    with open(path, "wb") as f:
        f.write("這不是PDF，只是一段寫著收入5.40億元的文字。\n".encode("gbk"))


def docx():
    """A draft with a table and tracked changes (an insertion and a deletion)."""
    save_docx(case("format-docx-tracked", "draft.docx"), docx_tracked())


def xlsx():
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "分部"
    ws.append(["分部", "2023年收入", "2024年收入", "增長", "佔比"])
    data = [("儲能系統", 812345.6, 1012345.4, 0.2462, 0.8201),
            ("電池模組", 203456.0, 222123.0, 0.0917, 0.1799),
            ("其他", 15000.0, -1234.0, None, None)]
    for name, a, b, g, s in data:
        ws.append([name, a, b, g, s])
    for row in ws.iter_rows(min_row=2, max_row=4):
        row[1].number_format = '#,##0.0'
        row[2].number_format = '#,##0_);(#,##0)'
        row[3].number_format = '0.0%'
        row[4].number_format = '0.00%'
    ws["A6"] = "合計"
    ws["C6"] = 1233234.4
    ws["C6"].number_format = '[$¥-804]#,##0.00'
    ws["A7"] = "匯率"
    ws["C7"] = 7.1234
    ws["C7"].number_format = '"US$1 = RMB"0.00'
    notes = wb.create_sheet("說明")
    notes.append(["單位：人民幣千元"])
    notes.append(["報告日期", 45657])
    notes["B2"].number_format = 'yyyy"年"m"月"d"日"'
    save_workbook(wb, case("format-xlsx-formats", "segments.xlsx"))


def csv_gbk():
    text = "分部;收入（萬元）;增長\n儲能;\"1,234.5\";12.5%\n電池;678.9;(3.1%)\n"
    # Simplified characters so that GBK can write them.
    text = text.replace("萬", "万").replace("儲", "储").replace("電", "电").replace("長", "长")
    with open(case("format-csv-gbk", "segments.csv"), "wb") as f:
        f.write(text.encode("gbk"))


if __name__ == "__main__":
    embedded_font()
    cid_font()
    multi_page()
    image_page()
    encrypted()
    garbage()
    docx()
    xlsx()
    csv_gbk()

#!/usr/bin/env python3
"""Builds the bundled example documents of a fictional company, 曦和儲能
(Xihe Energy Storage): a prospectus summary in Traditional Chinese (PDF,
four pages, a table with the caption 單位：人民幣千元), its segment figures
(XLSX) and an article draft about it in Simplified Chinese (DOCX, with a
tracked change). claims/xihe.json checks the draft against them.

The company, its sentences and its figures are made up for this project.
The generated files are committed (CI does not regenerate them); to change
them, from the repository root:

    apt-get install fonts-arphic-bsmi00lp fonts-arphic-gbsn00lp
    pip install reportlab==4.* python-docx openpyxl pillow
    python3 sources/make/examples.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import register_ming, save_docx, save_workbook, tracked, write_pdf  # noqa: E402

SOURCES = os.path.join(os.path.dirname(__file__), "..")

TITLE = "曦和儲能科技股份有限公司　招股章程摘要"

PAGE_1 = [
    "概要",
    "本摘要為示範文件，公司名稱、文字及數字均屬虛構。",
    "本集團設計、製造及銷售電化學儲能系統，客戶包括電網公司及工商業用戶。",
    "截至2022年、2023年及2024年12月31日止年度，本集團收入分別為人民幣812.3百萬元、",
    "人民幣1,046.8百萬元及人民幣1,538.2百萬元。同期毛利率分別為21.4%、23.9%及26.2%。",
    "2024年，來自五大客戶的收入佔總收入的58.7%。",
]

PAGE_2 = [
    "業務",
    "我們的儲能系統已在十八個國家及地區投入運行。",
    "截至2024年12月31日，我們共有僱員2,315名，其中研發人員612名。",
    "我們在江蘇及安徽設有兩個生產基地，年產能合計為12.0吉瓦時。",
]

TABLE = [
    ("項目", "2022年", "2023年", "2024年"),
    ("收入", "812,304", "1,046,791", "1,538,216"),
    ("銷售成本", "(638,472)", "(796,608)", "(1,135,203)"),
    ("毛利", "173,832", "250,183", "403,013"),
    ("研發開支", "(96,215)", "(121,478)", "(158,902)"),
    ("年內虧損", "(142,506)", "(88,317)", "(21,644)"),
]

PAGE_3_AFTER = [
    "2024年研發開支佔收入的10.3%。年內虧損連續兩年收窄。",
]

PAGE_4 = [
    "所得款項用途",
    "假設發售價為每股22.80港元，全球發售所得款項淨額估計約為2,015.6百萬港元。",
    "我們擬將約40%用於擴充產能，約30%用於研發，約20%用於海外市場拓展，",
    "約10%用作營運資金。",
]


def text_page(lines, number):
    def page(c):
        c.setFont("Ming", 14)
        c.drawString(60, 790, TITLE)
        c.setFont("Ming", 12)
        c.drawString(60, 760, lines[0])
        c.setFont("Ming", 10.5)
        for k, line in enumerate(lines[1:]):
            c.drawString(60, 736 - 18 * k, line)
        footer(c, number)
    return page


def footer(c, number):
    c.setFont("Helvetica", 9)
    c.drawCentredString(297, 40, "- %d -" % number)


def table_page(c):
    c.setFont("Ming", 14)
    c.drawString(60, 790, TITLE)
    c.setFont("Ming", 12)
    c.drawString(60, 760, "財務資料：綜合損益表摘要")
    c.setFont("Ming", 10.5)
    c.drawRightString(535, 736, "單位：人民幣千元")
    for i, row in enumerate(TABLE):
        y = 712 - 20 * i
        c.drawString(60, y, row[0])
        for k, cell in enumerate(row[1:]):
            c.drawRightString(335 + 100 * k, y, cell)
        if i == 0:
            c.line(60, y - 6, 535, y - 6)
    for k, line in enumerate(PAGE_3_AFTER):
        c.drawString(60, 712 - 20 * len(TABLE) - 16 - 18 * k, line)
    footer(c, 3)


def prospectus():
    register_ming()
    write_pdf(os.path.join(SOURCES, "xihe-prospectus-summary.pdf"),
              [text_page(PAGE_1, 1), text_page(PAGE_2, 2), table_page, text_page(PAGE_4, 4)])


SEGMENTS = [
    ("電網側儲能", 612450, 921338, 0.504, 0.599),
    ("工商業儲能", 298766, 436127, 0.460, 0.284),
    ("戶用儲能", 135575, 180751, 0.333, 0.118),
    ("合計", 1046791, 1538216, 0.469, 1.0),
]


def segments():
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "分部收入"
    ws.append(["單位：人民幣千元"])
    ws.append(["分部", "2023年", "2024年", "增長", "2024年佔比"])
    for row in SEGMENTS:
        ws.append(list(row))
    for cells in ws.iter_rows(min_row=3, max_row=2 + len(SEGMENTS)):
        cells[1].number_format = cells[2].number_format = "#,##0"
        cells[3].number_format = cells[4].number_format = "0.0%"
    for col, width in zip("ABCDE", (14, 12, 12, 8, 12)):
        ws.column_dimensions[col].width = width
    save_workbook(wb, os.path.join(SOURCES, "xihe-segments.xlsx"))


DRAFT = [
    "招股书显示，曦和储能2024年收入达到15.4亿元，较2022年的8.1亿元增长89.4%，两年复合增长率约为37.6%。",
    "盈利能力持续改善：毛利率由2022年的21.4%升至2024年的26.2%，上升4.8个百分点；年内亏损由1.43亿元收窄至2,164万元。",
    "分业务看，电网侧储能2024年收入增长50.4%，占总收入的59.9%；工商业储能收入增长46.0%；户用储能占比为11.8%。三大业务合计即为公司全部收入。",
    "研发方面，2024年研发开支占收入的10.3%。公司共有研发人员612名，占员工总数的26.4%。",
    "客户集中度仍然较高，五大客户贡献了2024年收入的58.7%。",
    "按发售价每股22.8港元计算，公司募资净额约为20.2亿港元，其中40%将用于研发。",
]


def draft():
    from docx import Document
    doc = Document()
    doc.add_heading("曦和储能冲刺港股：收入近乎翻倍，亏损大幅收窄", 1)
    first = doc.add_paragraph("曦和储能科技近日递交招股书。")
    tracked(first, "del", "公司称其为国内第三大储能系统供应商。", 1)
    tracked(first, "ins", "公司设计、制造及销售电化学储能系统。", 2)
    for text in DRAFT:
        doc.add_paragraph(text)
    os.makedirs(os.path.join(SOURCES, "drafts"), exist_ok=True)
    save_docx(os.path.join(SOURCES, "drafts", "xihe-draft.docx"), doc)


if __name__ == "__main__":
    prospectus()
    segments()
    draft()

"""Small files that are expensive to read, as the attack of issue 17 made them."""

from __future__ import annotations

import io
import re
import zipfile

import docx


def empty_paragraphs_docx(count: int = 2_000_000) -> bytes:
    """A real .docx (made by python-docx) whose body is `count` empty paragraphs: 54 KB
    zipped for two million."""
    document = docx.Document()
    document.add_paragraph("THE MAYOR: Good morning.")
    plain = io.BytesIO()
    document.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode()
                data = re.sub(r"<w:body>.*<w:sectPr", "<w:body>" + "<w:p/>" * count
                              + "<w:sectPr", xml, flags=re.S).encode()
            dst.writestr(info.filename, data)
    return out.getvalue()


def unbroken_text(size: int = 1_000_000) -> bytes:
    """`size` bytes of one speaker's words with no sentence break anywhere."""
    words = ("inflation remains elevated and the committee is strongly committed to "
             "returning it to two percent while the labor market stays tight and ")
    body = (words * (size // len(words) + 1))[:size - 40]
    return f"CHAIR POWELL: {body} and so on".encode()

#!/usr/bin/env python3
"""Writes the mail corpus `mail ingest` is tested on (MailIngestTests), with Python's own `email`
package: every message is what a real MIME library makes, not hand-typed bytes.

    python3 make-corpus.py OUTDIR          # the committed corpus (run in this folder: .)
    python3 make-corpus.py --big OUTDIR    # only big-attachment.eml (20 MB: made by the test, not committed)

Each file's expected outcome is in expected.tsv (name, exit code, what the test checks).
"""
import sys
from email import policy
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.base import MIMEBase
from email.header import Header
from email.charset import Charset, QP, BASE64
from email import encoders
from email.utils import formataddr, format_datetime
import datetime
import os

DATE = format_datetime(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.timezone.utc))
TO = "hotline@example.org"
LETTER = "Здравствуйте. Ищу сына, Иванов Пётр Сергеевич, 1998 года рождения, в/ч 12345.\nМать, Иванова Мария."


def headers(msg, number, sender, name=None, subject=None, charset="utf-8"):
    msg["From"] = formataddr((name, sender), charset=charset) if name else sender
    msg["To"] = TO
    msg["Date"] = DATE
    msg["Message-ID"] = f"<corpus-{number}@families.example>"
    if subject is not None:
        cs = Charset(charset)
        if charset == "iso-8859-5":
            cs.header_encoding = QP  # one subject in RFC 2047's Q form, the others in B
        msg["Subject"] = Header(subject, cs)
    return msg


def text_part(text, charset, encoding):
    cs = Charset(charset)
    cs.body_encoding = encoding
    part = MIMEText("", "plain")
    del part["Content-Transfer-Encoding"]
    part.set_payload(text, cs)  # encoded into the charset, then the transfer encoding
    return part


def write(outdir, name, msg):
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(msg.as_bytes(policy=policy.compat32.clone(linesep="\r\n")))


def corpus(outdir):
    # One charset and transfer encoding each: what mail from Russia and Ukraine is written in.
    write(outdir, "utf8-8bit.eml", headers(text_part(LETTER, "utf-8", None), 1, "maria@families.example", "Мария Иванова", "Ищу сына"))
    write(outdir, "koi8r-qp.eml", headers(text_part(LETTER, "koi8-r", QP), 2, "koi8@families.example", "Мария", "Ищу сына Иванова", "koi8-r"))
    write(outdir, "cp1251-base64.eml", headers(text_part(LETTER, "windows-1251", BASE64), 3, "cp1251@families.example", "Мария", "Ищу сына Иванова", "windows-1251"))
    write(outdir, "iso8859-5-qp.eml", headers(text_part(LETTER, "iso-8859-5", QP), 4, "iso@families.example", None, "Ищу сына Иванова", "iso-8859-5"))
    write(outdir, "utf8-base64.eml", headers(text_part(LETTER, "utf-8", BASE64), 5, "b64@families.example", None, "Пётр"))

    # multipart/alternative: the text part is the text, the HTML twin is not an attachment.
    alt = MIMEMultipart("alternative")
    alt.attach(MIMEText(LETTER, "plain", "utf-8"))
    alt.attach(MIMEText("<p>" + LETTER.replace("\n", "<br>") + "</p>", "html", "utf-8"))
    write(outdir, "alternative.eml", headers(alt, 6, "alt@families.example", None, "Ищу сына"))

    # HTML only: reduced to text, the script dropped, the entities decoded.
    html = MIMEText(
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        "<p>Ищу сына &laquo;Иванов Пётр&raquo;</p><div>в/ч&nbsp;12345</div></body></html>", "html", "utf-8")
    write(outdir, "html-only.eml", headers(html, 7, "html@families.example", None, "HTML"))

    # A photo and a scan, names in Cyrillic (RFC 2231).
    mixed = MIMEMultipart("mixed")
    mixed.attach(MIMEText(LETTER, "plain", "utf-8"))
    photo = MIMEBase("image", "jpeg")
    photo.set_payload(bytes(range(256)) * 40)  # 10,240 bytes, every byte value
    encoders.encode_base64(photo)
    photo.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "фото сына.jpg"))
    mixed.attach(photo)
    scan = MIMEBase("application", "pdf")
    scan.set_payload(b"%PDF-1.4\n% scan of a letter from the unit\n")
    encoders.encode_base64(scan)
    scan.add_header("Content-Disposition", "attachment", filename="letter.pdf")
    mixed.attach(scan)
    write(outdir, "attachments.eml", headers(mixed, 8, "photos@families.example", "Мария", "Фото"))

    # Broken MIME: a multipart whose closing boundary never comes and whose part claims base64
    # with stray characters. GMime recovers the text; it is stored.
    broken = (
        "From: broken@families.example\r\nTo: hotline@example.org\r\nDate: " + DATE + "\r\n"
        "Message-ID: <corpus-9@families.example>\r\nSubject: broken\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n--XYZ\r\n'
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + __import__("base64").b64encode(LETTER.encode()).decode() + "!!\r\n"
    )
    with open(os.path.join(outdir, "broken-mime.eml"), "wb") as f:
        f.write(broken.encode())

    # No sender: nothing to answer, refused (65).
    nosender = EmailMessage()
    nosender["To"] = TO
    nosender["Message-ID"] = "<corpus-10@families.example>"
    nosender["Subject"] = "no From"
    nosender.set_content(LETTER)
    write(outdir, "no-sender.eml", nosender)

    # Not a message at all: refused (65).
    with open(os.path.join(outdir, "not-a-message.eml"), "wb") as f:
        f.write(b"")

    # A reply on a case's thread: the test puts the case's reference where 0000-0000 is.
    reply = EmailMessage()
    reply["From"] = "maria@families.example"
    reply["To"] = TO
    reply["Date"] = DATE
    reply["Message-ID"] = "<corpus-11@families.example>"
    reply["Subject"] = "Re: Your inquiry [HL 0000-0000]"  # ASCII: the test puts the reference in
    reply.set_content("Спасибо. Вот ещё: он был в Курске в марте.")
    write(outdir, "reply-thread.eml", reply)

    # An auto-reply: stored, never acknowledged (RFC 3834).
    auto = EmailMessage()
    auto["From"] = "away@families.example"
    auto["To"] = TO
    auto["Date"] = DATE
    auto["Message-ID"] = "<corpus-12@families.example>"
    auto["Subject"] = "Автоответ: Ваш запрос"
    auto["Auto-Submitted"] = "auto-replied"
    auto.set_content("Я в отпуске до 10 декабря.")
    write(outdir, "auto-reply.eml", auto)

    # No Message-ID: known by the SHA-256 of its bytes.
    noid = EmailMessage()
    noid["From"] = "noid@families.example"
    noid["To"] = TO
    noid["Subject"] = "без Message-ID"
    noid.set_content(LETTER)
    write(outdir, "no-message-id.eml", noid)


def big(outdir):
    # A 20 MB attachment: over the 16 MB cap, refused (65) before anything is written.
    mixed = MIMEMultipart("mixed")
    mixed.attach(MIMEText(LETTER, "plain", "utf-8"))
    video = MIMEBase("video", "mp4")
    video.set_payload(os.urandom(20 * 1024 * 1024))
    encoders.encode_base64(video)
    video.add_header("Content-Disposition", "attachment", filename="video.mp4")
    mixed.attach(video)
    write(outdir, "big-attachment.eml", headers(mixed, 13, "big@families.example", None, "Видео"))


if __name__ == "__main__":
    if sys.argv[1] == "--big":
        big(sys.argv[2])
    else:
        corpus(sys.argv[1])

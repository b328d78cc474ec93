// A small C layer over GMime 3 (LGPL, Debian's libgmime-3.0-dev) for `hotline mail ingest`:
// one RFC 5322 message in, its sender, subject, text and attachments out, all decoded to UTF-8.
// GMime's objects and type-check macros stay on the C side; Swift sees plain strings and bytes.
#ifndef HOTLINE_CGMIME_H
#define HOTLINE_CGMIME_H

#include <stddef.h>

typedef struct hotline_mail hotline_mail;

/// Parses one message. Returns NULL when GMime finds no message in the bytes, with the reason
/// in `problem`. Free the result with hotline_mail_free.
hotline_mail *hotline_mail_parse(const char *bytes, size_t length, char *problem, int size);
void hotline_mail_free(hotline_mail *mail);

/// The Message-ID without angle brackets, or NULL.
const char *hotline_mail_message_id(const hotline_mail *mail);
/// The first From mailbox's address and display name (RFC 2047 decoded), or NULL.
const char *hotline_mail_from_address(const hotline_mail *mail);
const char *hotline_mail_from_name(const hotline_mail *mail);
/// The subject, RFC 2047 decoded, or NULL.
const char *hotline_mail_subject(const hotline_mail *mail);
/// A header's raw (unfolded, undecoded) value, or NULL: Auto-Submitted, Precedence, List-Id, …
const char *hotline_mail_header(const hotline_mail *mail, const char *name);
/// The Message-IDs of In-Reply-To, then of References, newest first.
int hotline_mail_reply_count(const hotline_mail *mail);
const char *hotline_mail_reply_id(const hotline_mail *mail, int index);
/// The text: the first text/plain part not an attachment, converted from its charset to UTF-8;
/// lacking one, the first text/html part reduced to text. Never NULL ("" when none).
const char *hotline_mail_text(const hotline_mail *mail);
/// Whether the text came from HTML.
int hotline_mail_text_was_html(const hotline_mail *mail);

/// The attachments: every leaf part that is not the text (photos, scans, other files), its
/// transfer encoding decoded.
int hotline_mail_attachment_count(const hotline_mail *mail);
/// The file name (RFC 2231 / 2047 decoded), or NULL.
const char *hotline_mail_attachment_name(const hotline_mail *mail, int index);
/// The MIME type, `type/subtype`, lower case.
const char *hotline_mail_attachment_type(const hotline_mail *mail, int index);
const unsigned char *hotline_mail_attachment_bytes(const hotline_mail *mail, int index, size_t *length);

/// HTML (UTF-8) reduced to text by libxml2's HTML parser: scripts and styles dropped, line
/// breaks at block elements. Returns a malloc'd string (free it).
char *hotline_html_to_text(const char *html, size_t length);

#endif

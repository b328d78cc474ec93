// See include/CGMime.h. GMime does the MIME (structure, transfer encodings, RFC 2047 and 2231,
// charsets through iconv); libxml2's HTML parser turns HTML-only mail into text.
#include "CGMime.h"

#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name;
    char *type;
    GByteArray *bytes;
} attachment;

struct hotline_mail {
    GMimeMessage *message;
    char *from_address;
    char *from_name;
    char *subject;
    char *text;
    char *html;  // the first text/html part, until the end of the walk
    int text_was_html;
    GPtrArray *reply_ids;  // char *
    GArray *attachments;   // attachment
};

static pthread_once_t initialised = PTHREAD_ONCE_INIT;
static GMimeParserOptions *options;

static void initialise(void) {
    g_mime_init();
    options = g_mime_parser_options_new();
    // Headers with raw 8-bit text and no RFC 2047 words: what Russian mail programs still send.
    static const char *fallback[] = {"UTF-8", "windows-1251", "koi8-r", NULL};
    g_mime_parser_options_set_fallback_charsets(options, fallback);
    g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    xmlInitParser();
}

static char *copy(const char *text) { return text ? g_strdup(text) : NULL; }

/// The decoded content of a leaf part, or of an embedded message, as bytes.
static GByteArray *content_bytes(GMimeObject *part) {
    GMimeStream *stream = g_mime_stream_mem_new();
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
    if (GMIME_IS_PART(part)) {
        GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
        if (content) g_mime_data_wrapper_write_to_stream(content, stream);
    } else if (GMIME_IS_MESSAGE_PART(part)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
        if (inner) g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, stream);
    }
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    g_object_unref(stream);
    return bytes;
}

static void visit(GMimeObject *parent, GMimeObject *part, gpointer data) {
    (void)parent;
    hotline_mail *mail = data;
    if (GMIME_IS_MULTIPART(part)) return;
    GMimeContentType *content_type = g_mime_object_get_content_type(part);
    int is_text = content_type && g_mime_content_type_is_type(content_type, "text", "plain");
    int is_html = content_type && g_mime_content_type_is_type(content_type, "text", "html");
    int is_attachment = GMIME_IS_PART(part) && (g_mime_part_is_attachment(GMIME_PART(part))
                                                || g_mime_part_get_filename(GMIME_PART(part)) != NULL);
    if (GMIME_IS_TEXT_PART(part) && !is_attachment && is_text && mail->text == NULL) {
        mail->text = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
        return;
    }
    if (GMIME_IS_TEXT_PART(part) && !is_attachment && is_html && mail->html == NULL) {
        mail->html = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
        return;
    }
    attachment item = {0};
    item.name = GMIME_IS_PART(part) ? copy(g_mime_part_get_filename(GMIME_PART(part))) : NULL;
    item.type = content_type ? g_ascii_strdown(g_mime_content_type_get_mime_type(content_type), -1)
                             : g_strdup("application/octet-stream");
    item.bytes = content_bytes(part);
    g_array_append_val(mail->attachments, item);
}

static void add_references(hotline_mail *mail, const char *header) {
    const char *text = g_mime_object_get_header(GMIME_OBJECT(mail->message), header);
    if (!text) return;
    GMimeReferences *refs = g_mime_references_parse(options, text);
    if (!refs) return;
    for (int i = 0; i < g_mime_references_length(refs); i++) {
        g_ptr_array_add(mail->reply_ids, g_strdup(g_mime_references_get_message_id(refs, i)));
    }
    g_mime_references_free(refs);
}

hotline_mail *hotline_mail_parse(const char *bytes, size_t length, char *problem, int size) {
    pthread_once(&initialised, initialise);
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(bytes, length);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    GMimeMessage *message = g_mime_parser_construct_message(parser, options);
    g_object_unref(parser);
    g_object_unref(stream);
    if (!message) {
        snprintf(problem, size, "it is not an RFC 5322 message (GMime found no header block)");
        return NULL;
    }
    hotline_mail *mail = g_new0(hotline_mail, 1);
    mail->message = message;
    mail->reply_ids = g_ptr_array_new_with_free_func(g_free);
    mail->attachments = g_array_new(FALSE, TRUE, sizeof(attachment));
    InternetAddressList *from = g_mime_message_get_from(message);
    for (int i = 0; from && i < internet_address_list_length(from); i++) {
        InternetAddress *address = internet_address_list_get_address(from, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            mail->from_address = copy(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
            mail->from_name = copy(internet_address_get_name(address));
            break;
        }
    }
    mail->subject = copy(g_mime_message_get_subject(message));
    add_references(mail, "In-Reply-To");
    add_references(mail, "References");
    g_mime_message_foreach(message, visit, mail);
    if (mail->text == NULL && mail->html != NULL) {
        mail->text = hotline_html_to_text(mail->html, strlen(mail->html));
        mail->text_was_html = 1;
    }
    if (mail->text == NULL) mail->text = g_strdup("");
    return mail;
}

void hotline_mail_free(hotline_mail *mail) {
    if (!mail) return;
    g_object_unref(mail->message);
    g_free(mail->from_address);
    g_free(mail->from_name);
    g_free(mail->subject);
    // text came from GMime (g_malloc) or from hotline_html_to_text (malloc)
    if (mail->text_was_html) free(mail->text); else g_free(mail->text);
    g_free(mail->html);
    g_ptr_array_free(mail->reply_ids, TRUE);
    for (guint i = 0; i < mail->attachments->len; i++) {
        attachment *item = &g_array_index(mail->attachments, attachment, i);
        g_free(item->name);
        g_free(item->type);
        g_byte_array_free(item->bytes, TRUE);
    }
    g_array_free(mail->attachments, TRUE);
    g_free(mail);
}

const char *hotline_mail_message_id(const hotline_mail *mail) { return g_mime_message_get_message_id(mail->message); }
const char *hotline_mail_from_address(const hotline_mail *mail) { return mail->from_address; }
const char *hotline_mail_from_name(const hotline_mail *mail) { return mail->from_name; }
const char *hotline_mail_subject(const hotline_mail *mail) { return mail->subject; }
const char *hotline_mail_header(const hotline_mail *mail, const char *name) {
    return g_mime_object_get_header(GMIME_OBJECT(mail->message), name);
}
int hotline_mail_reply_count(const hotline_mail *mail) { return (int)mail->reply_ids->len; }
const char *hotline_mail_reply_id(const hotline_mail *mail, int index) {
    return g_ptr_array_index(mail->reply_ids, index);
}
const char *hotline_mail_text(const hotline_mail *mail) { return mail->text; }
int hotline_mail_text_was_html(const hotline_mail *mail) { return mail->text_was_html; }
int hotline_mail_attachment_count(const hotline_mail *mail) { return (int)mail->attachments->len; }
const char *hotline_mail_attachment_name(const hotline_mail *mail, int index) {
    return g_array_index(mail->attachments, attachment, index).name;
}
const char *hotline_mail_attachment_type(const hotline_mail *mail, int index) {
    return g_array_index(mail->attachments, attachment, index).type;
}
const unsigned char *hotline_mail_attachment_bytes(const hotline_mail *mail, int index, size_t *length) {
    GByteArray *bytes = g_array_index(mail->attachments, attachment, index).bytes;
    *length = bytes->len;
    return bytes->data;
}

// MARK: - HTML to text

typedef struct {
    char *text;
    size_t length, capacity;
} buffer;

static void append(buffer *out, const char *text, size_t length) {
    if (out->length + length + 1 > out->capacity) {
        out->capacity = (out->length + length + 1) * 2;
        out->text = realloc(out->text, out->capacity);
    }
    memcpy(out->text + out->length, text, length);
    out->length += length;
    out->text[out->length] = 0;
}

static int is_block(const char *name) {
    static const char *blocks[] = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                                   "blockquote", "pre", "table", "ul", "ol", "hr", "title", NULL};
    for (int i = 0; blocks[i]; i++)
        if (g_ascii_strcasecmp(name, blocks[i]) == 0) return 1;
    return 0;
}

static void newline(buffer *out) {
    if (out->length > 0 && out->text[out->length - 1] != '\n') append(out, "\n", 1);
}

static void walk(xmlNode *node, buffer *out) {
    for (; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)node->name;
            if (g_ascii_strcasecmp(name, "script") == 0 || g_ascii_strcasecmp(name, "style") == 0
                || g_ascii_strcasecmp(name, "head") == 0)
                continue;
            int block = is_block(name);
            if (block) newline(out);
            walk(node->children, out);
            if (block) newline(out);
        } else if (node->type == XML_TEXT_NODE && node->content) {
            // Runs of white space in HTML are one space.
            const char *text = (const char *)node->content;
            for (const char *c = text; *c; c++) {
                if (*c == ' ' || *c == '\n' || *c == '\r' || *c == '\t') {
                    if (out->length > 0 && out->text[out->length - 1] != ' ' && out->text[out->length - 1] != '\n')
                        append(out, " ", 1);
                } else {
                    append(out, c, 1);
                }
            }
        }
    }
}

char *hotline_html_to_text(const char *html, size_t length) {
    pthread_once(&initialised, initialise);
    buffer out = {malloc(1), 0, 1};
    out.text[0] = 0;
    htmlDocPtr doc = htmlReadMemory(html, (int)length, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                                        | HTML_PARSE_NONET);
    if (doc) {
        walk(xmlDocGetRootElement(doc), &out);
        xmlFreeDoc(doc);
    }
    return out.text;
}

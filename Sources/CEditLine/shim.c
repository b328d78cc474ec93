#define _GNU_SOURCE /* strcasestr */
#include "CEditLine.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <editline/readline.h>

static hotline_completer current_completer;
static char **matches;
static size_t match_count, match_capacity, next_match;
static volatile sig_atomic_t interrupted;
/* Counts every Ctrl-C, so a command running between two reads can notice one. */
static volatile sig_atomic_t interrupt_count;
static int interrupt_pipe[2] = {-1, -1};
/* How long read_key waits for a key before giving up (-1: for ever), and whether it gave up. */
static int idle_timeout_ms = -1;
static volatile sig_atomic_t idle_expired;

void hotline_completion_add(const char *match) {
    if (match_count == match_capacity) {
        size_t capacity = match_capacity ? match_capacity * 2 : 32;
        char **grown = realloc(matches, capacity * sizeof *matches);
        if (!grown) return;
        matches = grown;
        match_capacity = capacity;
    }
    matches[match_count++] = strdup(match);
}

static void clear_matches(void) {
    for (size_t i = 0; i < match_count; i++) free(matches[i]);
    match_count = 0;
    next_match = 0;
}

static char *next_completion(const char *text, int state) {
    (void)text;
    (void)state;
    if (next_match >= match_count) return NULL;
    return strdup(matches[next_match++]);
}

/* libedit counts `start` in characters, but rl_line_buffer holds UTF-8: the byte offset of the
   start-th character, so a Cyrillic word before the cursor does not cut the line mid-letter. */
static size_t utf8_offset(const char *text, int characters) {
    size_t offset = 0;
    for (int seen = 0; text[offset] && seen < characters; seen++) {
        offset++;
        while (((unsigned char)text[offset] & 0xC0) == 0x80) offset++;
    }
    return offset;
}

static char **attempt_completion(const char *text, int start, int end) {
    (void)end;
    rl_attempted_completion_over = 1; /* never fall back to file names */
    clear_matches();
    const char *line = rl_line_buffer ? rl_line_buffer : "";
    char *before = strndup(line, utf8_offset(line, start));
    if (current_completer && before) current_completer(before, text);
    free(before);
    return rl_completion_matches(text, next_completion);
}

static void on_interrupt(int signal_number) {
    (void)signal_number;
    interrupted = 1;
    interrupt_count++;
    ssize_t ignored = write(interrupt_pipe[1], "", 1);
    (void)ignored;
}

/* Ctrl-C arrives as SIGINT, and libedit would simply go on reading. So the handler only flags
   it (and wakes read_key through a pipe), read_key turns that into a Ctrl-C key, and that key, bound to
   cancel_line, ends readline (rl_done) with the line dropped: reported as an interrupt. */
static int cancel_line(int count, int key) {
    (void)count;
    (void)key;
    interrupted = 1;
    rl_done = 1;
    return 0;
}

/* Waits for one byte of the terminal, a Ctrl-C, or the idle timeout. Returns the byte, 3 for
   Ctrl-C, or -1 at end of input or when the idle time ran out (idle_expired says which). */
static int read_byte(int fd, int timeout_ms) {
    /* The signal may be handled on any of the process's threads, so it is seen through the
       self-pipe rather than as an interrupted call on this one. */
    struct pollfd inputs[2] = {{.fd = fd, .events = POLLIN}, {.fd = interrupt_pipe[0], .events = POLLIN}};
    unsigned char c;
    for (;;) {
        int ready = poll(inputs, 2, timeout_ms);
        if (ready < 0) {
            if (errno == EINTR) continue;
            return EOF;
        }
        if (ready == 0) {
            idle_expired = 1;
            return EOF;
        }
        if (inputs[1].revents & POLLIN) {
            while (read(interrupt_pipe[0], &c, 1) == 1) {}
            return 3; /* Ctrl-C */
        }
        ssize_t n = read(fd, &c, 1);
        if (n == 1) return c;
        if (n < 0 && errno == EINTR) continue;
        return EOF;
    }
}

/* libedit's readline layer takes what rl_getc_function returns as one wide character, so a
   byte at a time would read UTF-8 as Latin-1 (Д, D0 94, would become "Ð" and a control).
   Decode the UTF-8 sequence here and hand over the code point. A malformed sequence becomes
   U+FFFD, which the shell refuses with the line: a terminal that does not send UTF-8 must
   not get garbage stored. */
static int pushed_back = -1; /* a byte read as a character's continuation that was not one */

static int read_key(FILE *stream) {
    int fd = fileno(stream);
    int first = pushed_back >= 0 ? pushed_back : read_byte(fd, idle_timeout_ms);
    pushed_back = -1;
    if (first < 0x80) return first; /* ASCII, Ctrl-C, EOF */
    int length = first >= 0xF0 && first <= 0xF4 ? 4 : first >= 0xE0 ? 3 : first >= 0xC2 && first < 0xE0 ? 2 : 0;
    if (length == 0) return 0xFFFD;
    int code = first & (0x7F >> length);
    for (int i = 1; i < length; i++) {
        int next = read_byte(fd, 1000); /* the rest of a character comes with it */
        if (next < 0x80 || next > 0xBF) {
            pushed_back = next == 3 || next < 0 ? -1 : next; /* Enter after a bad byte stays Enter */
            return 0xFFFD;
        }
        code = (code << 6) | (next & 0x3F);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && (code < 0x10000 || code > 0x10FFFF))
        || (code >= 0xD800 && code <= 0xDFFF))
        return 0xFFFD;
    return code;
}

int hotline_use_terminal_locale(char *problem, int size) {
    /* Only the character type: number and date formatting stay as they were. */
    const char *chosen = setlocale(LC_CTYPE, "");
    const char *names[] = {getenv("LC_ALL"), getenv("LC_CTYPE"), getenv("LANG")};
    const char *named = NULL;
    for (int i = 0; i < 3 && !named; i++)
        if (names[i] && names[i][0]) named = names[i];
    int says_utf8 = named && (strcasestr(named, "utf-8") || strcasestr(named, "utf8"));
    int plain = !named || !strcmp(named, "C") || !strcmp(named, "POSIX");
    if (chosen && !strcasecmp(nl_langinfo(CODESET), "UTF-8")) return 1;
    /* No locale named (or the plain C one, which has no letters beyond ASCII), or a UTF-8 one
       that is not installed: C.UTF-8 is always there with glibc. */
    if ((plain || (!chosen && says_utf8)) && setlocale(LC_CTYPE, "C.UTF-8")
        && !strcasecmp(nl_langinfo(CODESET), "UTF-8"))
        return 1;
    if (!chosen) {
        snprintf(problem, (size_t)size, "the locale '%s' is not installed on this machine", named ? named : "");
    } else {
        snprintf(problem, (size_t)size, "the locale '%s' uses the character set %s, not UTF-8", named ? named : "",
                 nl_langinfo(CODESET));
    }
    setlocale(LC_CTYPE, "C");
    return 0;
}

void hotline_editline_setup(const char *name, hotline_completer completer) {
    current_completer = completer;
    rl_readline_name = strdup(name);
    rl_attempted_completion_function = attempt_completion;
    rl_catch_signals = 0; /* our handler below, not libedit's, sees Ctrl-C */
    using_history();
    if (pipe(interrupt_pipe) == 0) {
        fcntl(interrupt_pipe[0], F_SETFL, O_NONBLOCK);
        fcntl(interrupt_pipe[1], F_SETFL, O_NONBLOCK);
    }
    rl_getc_function = read_key;
    rl_initialize();
    rl_add_defun("hotline-cancel-line", cancel_line, 3 /* Ctrl-C */);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: Ctrl-C interrupts the read */
    sigaction(SIGINT, &action, NULL);
}

char *hotline_readline(const char *prompt, double idle_seconds, int *was_interrupted, int *timed_out) {
    /* A Ctrl-C that came while a command ran was the command's: it must not drop this line. */
    unsigned char c;
    while (interrupt_pipe[0] >= 0 && read(interrupt_pipe[0], &c, 1) == 1) {}
    interrupted = 0;
    idle_expired = 0;
    idle_timeout_ms = idle_seconds > 0 ? (int)(idle_seconds * 1000) : -1;
    char *line = readline(prompt);
    idle_timeout_ms = -1;
    *was_interrupted = interrupted;
    *timed_out = idle_expired;
    if (idle_expired && line) {
        free(line);
        line = NULL;
    }
    return line;
}

long hotline_interrupt_count(void) { return interrupt_count; }

void hotline_history_add(const char *line) { add_history(line); }
int hotline_history_read(const char *path) { return read_history(path); }
int hotline_history_write(const char *path) { return write_history(path); }

#include "CEditLine.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <editline/readline.h>

static hotline_completer current_completer;
static char **matches;
static size_t match_count, match_capacity, next_match;
static volatile sig_atomic_t interrupted;
static int interrupt_pipe[2] = {-1, -1};

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

static char **attempt_completion(const char *text, int start, int end) {
    (void)end;
    rl_attempted_completion_over = 1; /* never fall back to file names */
    clear_matches();
    char *before = strndup(rl_line_buffer ? rl_line_buffer : "", (size_t)start);
    if (current_completer && before) current_completer(before, text);
    free(before);
    return rl_completion_matches(text, next_completion);
}

static void on_interrupt(int signal_number) {
    (void)signal_number;
    interrupted = 1;
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

static int read_key(FILE *stream) {
    /* The signal may be handled on any of the process's threads, so it is seen through the
       self-pipe rather than as an interrupted call on this one. */
    struct pollfd inputs[2] = {{.fd = fileno(stream), .events = POLLIN}, {.fd = interrupt_pipe[0], .events = POLLIN}};
    unsigned char c;
    for (;;) {
        if (poll(inputs, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return EOF;
        }
        if (inputs[1].revents & POLLIN) {
            while (read(interrupt_pipe[0], &c, 1) == 1) {}
            return 3; /* Ctrl-C */
        }
        ssize_t n = read(inputs[0].fd, &c, 1);
        if (n == 1) return c;
        if (n < 0 && errno == EINTR) continue;
        return EOF;
    }
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

char *hotline_readline(const char *prompt, int *was_interrupted) {
    interrupted = 0;
    char *line = readline(prompt);
    *was_interrupted = interrupted;
    return line;
}

void hotline_history_add(const char *line) { add_history(line); }
int hotline_history_read(const char *path) { return read_history(path); }
int hotline_history_write(const char *path) { return write_history(path); }

// A small C layer over libedit (BSD licence, Debian package libedit-dev) for `hotline shell`:
// line editing, history and completion on a terminal. libedit's readline interface is global C
// state driven by C callbacks; keeping it on the C side keeps the Swift side simple and safe.
#ifndef HOTLINE_CEDITLINE_H
#define HOTLINE_CEDITLINE_H

/// Asked for the completions of `word`, given the line before it; answers through
/// hotline_completion_add.
typedef void (*hotline_completer)(const char *line_before_word, const char *word);

/// Sets up libedit: program name (for ~/.editrc), completion, and a Ctrl-C handler that drops
/// the line being typed instead of ending the process.
void hotline_editline_setup(const char *name, hotline_completer completer);

/// Offers one completion; only valid while the completer runs.
void hotline_completion_add(const char *match);

/// Reads one line with editing. Returns a malloc'd line (free it), or NULL at end of input;
/// *interrupted is set to 1 when Ctrl-C dropped the line, *timed_out when no key came for
/// idle_seconds (0: wait for ever).
char *hotline_readline(const char *prompt, double idle_seconds, int *interrupted, int *timed_out);

/// Sets the character type from the environment (LC_ALL, LC_CTYPE, LANG), or C.UTF-8 when it
/// names none, so libedit reads and writes UTF-8. Returns 1 if the terminal's text is now UTF-8;
/// otherwise 0 with the reason in `problem`.
int hotline_use_terminal_locale(char *problem, int size);

/// How many Ctrl-Cs arrived since the shell started (a command compares it before and after).
long hotline_interrupt_count(void);

void hotline_history_add(const char *line);
int hotline_history_read(const char *path);
int hotline_history_write(const char *path);

#endif

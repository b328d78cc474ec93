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
/// *interrupted is set to 1 when Ctrl-C dropped the line.
char *hotline_readline(const char *prompt, int *interrupted);

void hotline_history_add(const char *line);
int hotline_history_read(const char *path);
int hotline_history_write(const char *path);

#endif

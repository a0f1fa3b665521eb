#ifndef RTKQL_CEDITLINE_H
#define RTKQL_CEDITLINE_H
#include <stdio.h>
#include <editline/readline.h>

/* libedit's configuration lives in C globals, which Swift 6 treats as unsafe shared state:
   these functions set and read them from one place. */

typedef char *(*rtkql_completion_generator)(const char *text, int state);

/// Completes words with `generator` (called with state 0, 1, 2... until it returns NULL).
void rtkql_editline_set_completion(rtkql_completion_generator generator);

/// The whole line being edited, during completion.
const char *rtkql_editline_line_buffer(void);

#endif

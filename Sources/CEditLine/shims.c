#include "CEditLine.h"
#include <stddef.h>

static rtkql_completion_generator current_generator = NULL;

static char *generate(const char *text, int state) {
    return current_generator ? current_generator(text, state) : NULL;
}

static char **attempt(const char *text, int start, int end) {
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;  /* no file-name completion fallback */
    return rl_completion_matches(text, generate);
}

void rtkql_editline_set_completion(rtkql_completion_generator generator) {
    current_generator = generator;
    rl_attempted_completion_function = attempt;
}

const char *rtkql_editline_line_buffer(void) {
    return rl_line_buffer;
}

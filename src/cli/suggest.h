/*
 * suggest.h - "did you mean": the known word nearest to a misspelled one.
 */
#ifndef FW_CLI_SUGGEST_H
#define FW_CLI_SUGGEST_H

#include <stddef.h>

/*
 * The edit distance (insertions, deletions, substitutions and swaps of two
 * neighbours, each costing one) between a and b, saturated at 255.
 */
unsigned fw_edit_distance(const char *a, const char *b);

/*
 * Whether name is close enough to word to be offered in its place: at most
 * two edits, and fewer edits than word has letters (so "x" suggests nothing).
 */
int fw_suggestable(const char *word, const char *name);

#endif

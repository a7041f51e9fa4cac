/*
 * suggest.c - edit distance for "did you mean" on commands and options.
 */
#include <string.h>

#include "cli/suggest.h"

/* Words longer than this are nobody's typo of an option name. */
#define SUGGEST_MAX 64

unsigned fw_edit_distance(const char *a, const char *b)
{
	unsigned d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	size_t la = strlen(a), lb = strlen(b);

	if (la > SUGGEST_MAX || lb > SUGGEST_MAX)
		return 255;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			unsigned best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			/* "anaylze": two neighbours swapped is one slip of the fingers */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb] > 255 ? 255 : d[la][lb];
}

int fw_suggestable(const char *word, const char *name)
{
	unsigned d = fw_edit_distance(word, name);

	return d <= 2 && d < strlen(word);
}

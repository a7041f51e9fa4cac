/*
 * eapol.c - fuzz target: an EAPOL frame, its EAPOL-Key body, the
 * MIC/Key Data split for every MIC length, and the KDEs of the Key Data.
 * Checks that the split never reaches past the declared EAPOL length.
 */
#include <stdlib.h>

#include "decode/eapol.h"
#include "decode/ie.h"
#include "fuzz.h"
#include "util/cursor.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void walk_kdes(const uint8_t *p, size_t n)
{
	struct fw_cursor c;
	struct fw_kde k;

	fw_cur_init(&c, p, n);
	while (fw_kde_next(&c, &k) == 1)
		;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t mic_lens[] = { 0, 16, 24, 32 };
	struct fw_eapol e;
	struct fw_eapol_key k;
	const char *field = NULL;
	size_t off = 0;

	if (fw_eapol_parse(&e, data, size, &field, &off) != 0 || e.type != FW_EAPOL_KEY)
		return 0;
	if (e.frame_len > size)
		abort();
	if (fw_eapol_key_parse(&k, &e, &field, &off) != 0)
		return 0;
	for (size_t i = 0; i < sizeof(mic_lens) / sizeof(mic_lens[0]); i++) {
		struct fw_eapol_key_tail t;

		if (fw_eapol_key_split(&k, mic_lens[i], &t) != 0 || !t.key_data)
			continue;
		if (t.key_data < data || t.key_data + t.key_data_len > data + e.frame_len)
			abort();
		walk_kdes(t.key_data, t.key_data_len);
	}
	return 0;
}

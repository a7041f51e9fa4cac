/*
 * crc32.c - CRC-32, bit by bit: it runs on the few frames whose FCS or ICV
 * is checked, so a table buys nothing.
 */
#include "util/crc32.h"

uint32_t fw_crc32(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

/*
 * crc32.h - the CRC-32 of IEEE 802.3 (reflected polynomial 0xedb88320),
 * which 802.11 uses for the FCS (9.2.4.8) and for WEP/TKIP's ICV (12.3.2).
 */
#ifndef FW_UTIL_CRC32_H
#define FW_UTIL_CRC32_H

#include <stddef.h>
#include <stdint.h>

uint32_t fw_crc32(const uint8_t *p, size_t n);

#endif

/*
 * mkframe.h - the 802.11 frames the hostile-input generators (mkbudget,
 * mkkeyed) both write, built the same way: radiotap without fields, then
 * the frame.
 */
#ifndef FW_TESTS_HOSTILE_MKFRAME_H
#define FW_TESTS_HOSTILE_MKFRAME_H

#include <stddef.h>
#include <stdint.h>

/* RSNE: version 1, group and pairwise CCMP, AKM PSK, no capabilities. */
extern const uint8_t mk_rsne_psk_ccmp[22];

void mk_le16(uint8_t *p, uint16_t v);
void mk_be16(uint8_t *p, uint16_t v);
/* Radiotap version 0, length 8, no fields: its length. */
size_t mk_radiotap(uint8_t *p);
/* A beacon of bssid for ssid with mk_rsne_psk_ccmp, radiotap first: its length. */
size_t mk_beacon(uint8_t *p, const uint8_t bssid[6], const char *ssid);

#endif

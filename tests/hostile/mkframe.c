/* mkframe.c - frames the hostile-input generators share (mkframe.h). */
#include <string.h>

#include "mkframe.h"

const uint8_t mk_rsne_psk_ccmp[22] = { 48, 20, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 4,
				       1, 0, 0x00, 0x0f, 0xac, 2, 0, 0 };

void mk_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

void mk_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

size_t mk_radiotap(uint8_t *p)
{
	memset(p, 0, 8);
	mk_le16(p + 2, 8);
	return 8;
}

size_t mk_beacon(uint8_t *p, const uint8_t bssid[6], const char *ssid)
{
	size_t n = mk_radiotap(p), l = strlen(ssid);
	uint8_t *b = p + n;

	memset(b, 0, 36);
	b[0] = 0x80;			/* management, beacon */
	memset(b + 4, 0xff, 6);
	memcpy(b + 10, bssid, 6);
	memcpy(b + 16, bssid, 6);
	n = 24 + 8;
	mk_le16(b + n, 100);
	mk_le16(b + n + 2, 0x0011);	/* ESS, privacy */
	n += 4;
	b[n++] = 0;
	b[n++] = (uint8_t)l;
	memcpy(b + n, ssid, l);
	n += l;
	memcpy(b + n, mk_rsne_psk_ccmp, sizeof(mk_rsne_psk_ccmp));
	n += sizeof(mk_rsne_psk_ccmp);
	return 8 + n;
}

/*
 * frame.c - the decoder's entry point: link-type dispatch and the wired
 * encapsulations (Ethernet II / 802.3, Linux cooked v1 and v2) on which
 * EAPOL is seen on the AP or station host itself.
 *
 * Link-type numbers and the cooked header layouts are those of
 * https://www.tcpdump.org/linktypes.html (LINKTYPE_LINUX_SLL, _SLL2).
 */
#include <string.h>

#include "decode/frame.h"
#include "decode/internal.h"
#include "util/cursor.h"
#include "util/err.h"

#define ETH_HDR_LEN     14
#define ETH_MAX_LEN     1500	/* type/length <= 1500 is an 802.3 length */
#define ETHERTYPE_VLAN  0x8100
#define ETHERTYPE_QINQ  0x88a8
#define VLAN_MAX_TAGS   2
#define SLL_HDR_LEN     16
#define SLL2_HDR_LEN    20
#define SLL_ADDR_LEN    8
#define SLL_PROTO_8022  0x0004	/* the payload starts with an 802.2 LLC header */

/* ARPHRD_* values of the Linux cooked headers that carry 802.11 */
#define ARPHRD_IEEE80211          801
#define ARPHRD_IEEE80211_PRISM    802
#define ARPHRD_IEEE80211_RADIOTAP 803

struct linktype_name { int dlt; const char *name; };
static const struct linktype_name linktypes[] = {
	{ FW_DLT_EN10MB, "ethernet" },
	{ FW_DLT_IEEE802_11, "802.11" },
	{ FW_DLT_LINUX_SLL, "linux-sll" },
	{ FW_DLT_PRISM, "prism" },
	{ FW_DLT_IEEE802_11_RADIO, "radiotap" },
	{ FW_DLT_IEEE802_11_RADIO_AVS, "avs" },
	{ FW_DLT_PPI, "ppi" },
	{ FW_DLT_LINUX_SLL2, "linux-sll2" },
};

bool fw_linktype_supported(int linktype)
{
	for (size_t i = 0; i < sizeof(linktypes) / sizeof(linktypes[0]); i++)
		if (linktypes[i].dlt == linktype)
			return true;
	return false;
}

const char *fw_linktype_name(int linktype)
{
	for (size_t i = 0; i < sizeof(linktypes) / sizeof(linktypes[0]); i++)
		if (linktypes[i].dlt == linktype)
			return linktypes[i].name;
	return "unknown";
}

/* The payload of a wired header, by EtherType (0 = starts with LLC). */
static void decode_payload(struct fw_frame *f, struct fw_cursor *c, uint16_t ethertype)
{
	f->kind = FW_KIND_DATA;
	if (ethertype == 0 && !dec_llc_snap(c, &ethertype))
		return;
	if (ethertype == DEC_ETHERTYPE_EAPOL)
		dec_eapol(f, c->p, fw_cur_left(c), fw_cur_offset(c));
	else if (ethertype == 0x0800 || ethertype == 0x86dd)
		dec_ip(f, c, ethertype);
}

/* Ethernet II or 802.3 (IEEE 802.3-2018 3.2.6), with up to two 802.1Q tags. */
static int decode_ethernet(struct fw_frame *f, const uint8_t *data, size_t len)
{
	struct fw_cursor c;
	uint16_t type;

	fw_cur_init(&c, data, len);
	if (!fw_cur_copy(&c, f->da, 6) || !fw_cur_copy(&c, f->sa, 6) || !fw_cur_u16be(&c, &type))
		return dec_fail(f, FW_ETRUNC, "ethernet header", 0);
	memcpy(f->ra, f->da, 6);
	memcpy(f->ta, f->sa, 6);
	f->has_ta = true;
	for (int i = 0; i < VLAN_MAX_TAGS && (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ); i++) {
		if (!fw_cur_skip(&c, 2) || !fw_cur_u16be(&c, &type))
			return dec_fail(f, FW_ETRUNC, "vlan tag", fw_cur_offset(&c));
	}
	if (type <= ETH_MAX_LEN) {
		/* 802.3 length: what follows is LLC; bound it by the length */
		struct fw_cursor llc;

		if (!fw_cur_sub(&c, &llc, type))
			llc = c;	/* a short frame still carries its LLC header */
		decode_payload(f, &llc, 0);
	} else {
		decode_payload(f, &c, type);
	}
	return f->status;
}

/* A cooked header's payload: 802.11 when the interface is a monitor one. */
static int decode_cooked(struct fw_frame *f, const uint8_t *data, size_t len, size_t hdr,
			 uint16_t hatype, uint16_t proto, uint8_t halen, const uint8_t *addr)
{
	struct fw_cursor c;

	switch (hatype) {
	case ARPHRD_IEEE80211:
	case ARPHRD_IEEE80211_PRISM:
	case ARPHRD_IEEE80211_RADIOTAP: {
		int dlt = hatype == ARPHRD_IEEE80211 ? FW_DLT_IEEE802_11 :
			  hatype == ARPHRD_IEEE80211_PRISM ? FW_DLT_PRISM : FW_DLT_IEEE802_11_RADIO;
		int linktype = f->linktype;
		int rc = fw_frame_decode(f, dlt, data + hdr, len - hdr);

		/* the inner decode numbered offsets from its own start */
		f->linktype = linktype;
		if (rc)
			f->err_off += hdr;
		return rc;
	}
	default:
		break;
	}
	/* the address is the sender's link-layer address, in either direction */
	if (halen == 6) {
		memcpy(f->sa, addr, 6);
		memcpy(f->ta, addr, 6);
		f->has_ta = true;
	}
	fw_cur_init(&c, data, len);
	fw_cur_skip(&c, hdr);
	decode_payload(f, &c, proto == SLL_PROTO_8022 ? 0 : proto);
	return f->status;
}

/* LINKTYPE_LINUX_SLL: packet type, ARPHRD, address length, address[8], protocol. */
static int decode_sll(struct fw_frame *f, const uint8_t *data, size_t len)
{
	struct fw_cursor c;
	uint16_t pkttype, hatype, halen, proto;
	uint8_t addr[SLL_ADDR_LEN];

	fw_cur_init(&c, data, len);
	if (!fw_cur_u16be(&c, &pkttype) || !fw_cur_u16be(&c, &hatype) ||
	    !fw_cur_u16be(&c, &halen) || !fw_cur_copy(&c, addr, SLL_ADDR_LEN) ||
	    !fw_cur_u16be(&c, &proto))
		return dec_fail(f, FW_ETRUNC, "linux cooked header", 0);
	return decode_cooked(f, data, len, SLL_HDR_LEN, hatype, proto,
			     halen > 0xff ? 0 : (uint8_t)halen, addr);
}

/* LINKTYPE_LINUX_SLL2: protocol, reserved, ifindex, ARPHRD, packet type, address length, address[8]. */
static int decode_sll2(struct fw_frame *f, const uint8_t *data, size_t len)
{
	struct fw_cursor c;
	uint16_t proto, reserved, hatype;
	uint32_t ifindex;
	uint8_t pkttype, halen;
	uint8_t addr[SLL_ADDR_LEN];

	fw_cur_init(&c, data, len);
	if (!fw_cur_u16be(&c, &proto) || !fw_cur_u16be(&c, &reserved) ||
	    !fw_cur_u32be(&c, &ifindex) || !fw_cur_u16be(&c, &hatype) ||
	    !fw_cur_u8(&c, &pkttype) || !fw_cur_u8(&c, &halen) ||
	    !fw_cur_copy(&c, addr, SLL_ADDR_LEN))
		return dec_fail(f, FW_ETRUNC, "linux cooked v2 header", 0);
	return decode_cooked(f, data, len, SLL2_HDR_LEN, hatype, proto, halen, addr);
}

/* A capture header describing the radio, then the MPDU. */
static int decode_radio(struct fw_frame *f, int linktype, const uint8_t *data, size_t len)
{
	const char *field = NULL;
	size_t hdr = 0;
	int inner = FW_DLT_IEEE802_11;
	int rc;

	switch (linktype) {
	case FW_DLT_IEEE802_11_RADIO:
		rc = dec_radiotap(&f->radio, data, len, &field);
		hdr = f->radio.hdr_len;
		break;
	case FW_DLT_PPI:
		rc = fw_ppi_parse(&f->radio, data, len, &hdr, &inner, &field);
		if (rc == 0 && inner != FW_DLT_IEEE802_11) {
			field = "ppi dlt";
			rc = FW_EUNSUPP;
		}
		break;
	case FW_DLT_PRISM:
		/* some drivers wrote AVS headers under the Prism link type */
		if (fw_avs_magic(data, len))
			rc = fw_avs_parse(&f->radio, data, len, &hdr, &field);
		else
			rc = fw_prism_parse(&f->radio, data, len, &hdr, &field);
		break;
	default:
		rc = fw_avs_parse(&f->radio, data, len, &hdr, &field);
		break;
	}
	if (rc)
		return dec_fail(f, rc, field, 0);
	return dec_dot11(f, data + hdr, len - hdr, f->radio.fcs_at_end ? 4 : 0, hdr);
}

/* Every link type but radiotap (and a radiotap packet of no bytes), out of the hot path. */
static int decode_other(struct fw_frame *f, int linktype, const uint8_t *data, size_t len)
	__attribute__((noinline));

/*
 * Radiotap, the link type of nearly every capture, ahead of the switch and
 * in a function of its own, so that its frames pay for no other's stack.
 */
int fw_frame_decode(struct fw_frame *f, int linktype, const uint8_t *data, size_t len)
{
	dec_frame_reset(f);
	f->linktype = linktype;
	if (linktype != FW_DLT_IEEE802_11_RADIO || !data)
		return decode_other(f, linktype, data, len);
	return dec_radiotap_frame(f, data, len);
}

static int decode_other(struct fw_frame *f, int linktype, const uint8_t *data, size_t len)
{
	static const uint8_t empty[1];

	if (!data) {
		data = empty;
		len = 0;
	}
	switch (linktype) {
	case FW_DLT_IEEE802_11:
		return dec_dot11(f, data, len, 0, 0);
	case FW_DLT_IEEE802_11_RADIO:
	case FW_DLT_PPI:
	case FW_DLT_PRISM:
	case FW_DLT_IEEE802_11_RADIO_AVS:
		return decode_radio(f, linktype, data, len);
	case FW_DLT_EN10MB:
		return decode_ethernet(f, data, len);
	case FW_DLT_LINUX_SLL:
		return decode_sll(f, data, len);
	case FW_DLT_LINUX_SLL2:
		return decode_sll2(f, data, len);
	default:
		return dec_fail(f, FW_EUNSUPP, "link type", 0);
	}
}

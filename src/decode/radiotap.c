/*
 * radiotap.c - the radiotap capture header (https://www.radiotap.org).
 *
 * The walk follows the radiotap rules: a chain of 32-bit present words
 * (bit 31 = another word follows), bit 29 = the next word starts the
 * radiotap namespace again, bit 30 = the next word starts a vendor
 * namespace whose data is skipped by its skip_length.  Every field is
 * aligned to its natural size counted from the start of the header, which
 * is why the cursor's base is the header start.  A field we do not know
 * has no known size or alignment, so nothing after it can be located: the
 * walk stops there without error; the 802.11 frame still starts at it_len.
 */
#include <stddef.h>
#include <string.h>

#include "decode/internal.h"
#include "decode/radio.h"
#include "util/cursor.h"
#include "util/err.h"

/* Present bits of the radiotap namespace we read or must step over. */
enum {
	RT_TSFT = 0, RT_FLAGS = 1, RT_RATE = 2, RT_CHANNEL = 3, RT_FHSS = 4,
	RT_DBM_SIGNAL = 5, RT_DBM_NOISE = 6, RT_XCHANNEL = 18, RT_MCS = 19,
	RT_TLV = 28, RT_NS_RADIOTAP = 29, RT_NS_VENDOR = 30, RT_EXT = 31,
};

/* Radiotap Flags field */
#define RT_F_SHORT_PREAMBLE 0x02
#define RT_F_FCS_AT_END     0x10
#define RT_F_BAD_FCS        0x40

/* MCS field: known bits and flags (radiotap.org/fields/MCS) */
#define RT_MCS_KNOWN_BW  0x01
#define RT_MCS_KNOWN_MCS 0x02
#define RT_MCS_KNOWN_GI  0x04
#define RT_MCS_BW_MASK   0x03
#define RT_MCS_BW_40     1
#define RT_MCS_SGI       0x04

struct rt_field { uint8_t align, size; };

/* Alignment and size of the defined fields 0..27, from radiotap.org. */
static const struct rt_field rt_fields[RT_TLV] = {
	{ 8, 8 }, { 1, 1 }, { 1, 1 }, { 2, 4 }, { 1, 2 }, { 1, 1 }, { 1, 1 },
	{ 2, 2 }, { 2, 2 }, { 2, 2 }, { 1, 1 }, { 1, 1 }, { 1, 1 }, { 1, 1 },
	{ 2, 2 }, { 2, 2 }, { 1, 1 }, { 1, 1 }, { 4, 8 }, { 1, 3 }, { 4, 8 },
	{ 2, 12 }, { 8, 12 }, { 2, 12 }, { 2, 12 }, { 2, 6 }, { 1, 1 }, { 2, 4 },
};

/*
 * HT data rate in kb/s for one spatial stream, MCS 0..7, long guard interval
 * (IEEE 802.11-2020 19.5, Tables 19-27 and 19-28).
 */
static const uint32_t ht_rate_20[8] = { 6500, 13000, 19500, 26000, 39000, 52000, 58500, 65000 };
static const uint32_t ht_rate_40[8] = { 13500, 27000, 40500, 54000, 81000, 108000, 121500, 135000 };

static void rt_mcs(struct fw_radio *r, struct fw_cursor *v)
{
	uint8_t known, flags, mcs;
	uint32_t kbps;

	if (!fw_cur_u8(v, &known) || !fw_cur_u8(v, &flags) || !fw_cur_u8(v, &mcs))
		return;
	/* an estimate only for HT MCS 0..31 with equal modulation */
	if (!(known & RT_MCS_KNOWN_MCS) || mcs > 31 || r->has_rate)
		return;
	if ((known & RT_MCS_KNOWN_BW) && (flags & RT_MCS_BW_MASK) == RT_MCS_BW_40)
		kbps = ht_rate_40[mcs & 7];
	else
		kbps = ht_rate_20[mcs & 7];
	kbps *= (uint32_t)(mcs / 8 + 1);
	if ((known & RT_MCS_KNOWN_GI) && (flags & RT_MCS_SGI))
		kbps = kbps / 9 * 10;
	r->has_rate = true;
	r->rate_kbps = kbps;
}

/*
 * Store one field of the radiotap namespace (v holds exactly its bytes).
 * Fields may repeat after a namespace reset (one set per antenna); the
 * first occurrence, the combined value, wins.
 */
static inline void rt_store(struct fw_radio *r, unsigned bit, struct fw_cursor *v)
{
	uint8_t u8;
	uint16_t freq, flags16;
	uint32_t flags32;

	switch (bit) {
	case RT_TSFT:
		if (!r->has_tsft)
			r->has_tsft = fw_cur_u64le(v, &r->tsft);
		break;
	case RT_FLAGS:
		if (fw_cur_u8(v, &u8)) {
			r->fcs_at_end = (u8 & RT_F_FCS_AT_END) != 0;
			r->bad_fcs = (u8 & RT_F_BAD_FCS) != 0;
			r->short_preamble = (u8 & RT_F_SHORT_PREAMBLE) != 0;
		}
		break;
	case RT_RATE:
		/* 500 kb/s units; 0 means the rate is given elsewhere (MCS) */
		if (!r->has_rate && fw_cur_u8(v, &u8) && u8 != 0) {
			r->has_rate = true;
			r->rate_kbps = (uint32_t)u8 * 500;
		}
		break;
	case RT_CHANNEL:
		if (!r->has_freq && fw_cur_u16le(v, &freq) && fw_cur_u16le(v, &flags16)) {
			r->has_freq = true;
			r->freq_mhz = freq;
			r->chan_flags = flags16;
		}
		break;
	case RT_XCHANNEL:
		/* flags (4), freq (2), channel (1), max power (1) */
		if (!r->has_freq && fw_cur_u32le(v, &flags32) && fw_cur_u16le(v, &freq)) {
			r->has_freq = true;
			r->freq_mhz = freq;
			r->chan_flags = (uint16_t)flags32;
		}
		break;
	case RT_DBM_SIGNAL:
		if (!r->has_signal && fw_cur_u8(v, &u8)) {
			r->has_signal = true;
			r->signal_dbm = (int8_t)u8;
		}
		break;
	case RT_DBM_NOISE:
		if (!r->has_noise && fw_cur_u8(v, &u8)) {
			r->has_noise = true;
			r->noise_dbm = (int8_t)u8;
		}
		break;
	case RT_MCS:
		rt_mcs(r, v);
		break;
	default:
		break;
	}
}

/* Align c for field bit and take its bytes into v. */
static inline bool rt_take(struct fw_cursor *c, unsigned bit, struct fw_cursor *v)
{
	return fw_cur_align(c, rt_fields[bit].align) && fw_cur_sub(c, v, rt_fields[bit].size);
}

/* Field bit (a constant, so rt_store needs no dispatch) when it is present. */
static inline bool rt_fixed(struct fw_radio *r, struct fw_cursor *c, uint32_t bits, unsigned bit)
{
	struct fw_cursor v;

	if (!(bits & (UINT32_C(1) << bit)))
		return true;
	if (!rt_take(c, bit, &v))
		return false;
	rt_store(r, bit, &v);
	return true;
}

/*
 * Read the fields of one radiotap-namespace present word.  Returns 0, 1 when
 * the walk must stop (unknown field or TLVs), or a negative code.  Fields
 * 0..6, which nearly every header has, are read in line; the rest by a walk
 * over the set bits, lowest first.
 */
static int rt_word_fields(struct fw_radio *r, struct fw_cursor *c, uint32_t word,
			  unsigned ns_word, const char **err_field)
{
	uint32_t bits = word & ((UINT32_C(1) << RT_NS_RADIOTAP) - 1);

	/* fields 32 and up are undefined */
	if (bits && ns_word != 0)
		return 1;
	if (!rt_fixed(r, c, bits, RT_TSFT) || !rt_fixed(r, c, bits, RT_FLAGS) ||
	    !rt_fixed(r, c, bits, RT_RATE) || !rt_fixed(r, c, bits, RT_CHANNEL) ||
	    !rt_fixed(r, c, bits, RT_FHSS) || !rt_fixed(r, c, bits, RT_DBM_SIGNAL) ||
	    !rt_fixed(r, c, bits, RT_DBM_NOISE)) {
		*err_field = "radiotap field";
		return FW_EMALFORMED;
	}
	for (bits &= ~((UINT32_C(1) << (RT_DBM_NOISE + 1)) - 1); bits; bits &= bits - 1) {
		unsigned bit = (unsigned)__builtin_ctz(bits);
		struct fw_cursor v;

		/* TLVs (28) end the fixed fields */
		if (bit >= RT_TLV)
			return 1;
		if (!rt_take(c, bit, &v)) {
			*err_field = "radiotap field";
			return FW_EMALFORMED;
		}
		rt_store(r, bit, &v);
	}
	return 0;
}

/* Step over a vendor namespace: header (OUI 3, sub namespace 1, skip_length 2) and data. */
static int rt_vendor_skip(struct fw_cursor *c, const char **err_field)
{
	uint16_t skip;

	if (!fw_cur_align(c, 2) || !fw_cur_skip(c, 4) || !fw_cur_u16le(c, &skip) ||
	    !fw_cur_skip(c, skip)) {
		*err_field = "radiotap vendor namespace";
		return FW_EMALFORMED;
	}
	return 0;
}

/*
 * The common header: one present word naming only fields among 0..6.  Their
 * offsets follow from the bits alone (each aligned to its size from the
 * header start, the fields starting at 8), so they are a table of the 128
 * masks, and one bound check against it_len covers them all; what is
 * stored is what the walk would store.
 */
#define RT_B(m, b) (((m) >> (b)) & 1)
#define RT_FLAGS_AT(m) (8 + 8 * RT_B(m, RT_TSFT))
#define RT_RATE_AT(m) (RT_FLAGS_AT(m) + RT_B(m, RT_FLAGS))
#define RT_CHAN_UNALIGNED(m) (RT_RATE_AT(m) + RT_B(m, RT_RATE))
#define RT_CHAN_AT(m) (RT_CHAN_UNALIGNED(m) + (RT_CHAN_UNALIGNED(m) & RT_B(m, RT_CHANNEL)))
#define RT_SIG_AT(m) (RT_CHAN_AT(m) + 4 * RT_B(m, RT_CHANNEL) + 2 * RT_B(m, RT_FHSS))
#define RT_NOISE_AT(m) (RT_SIG_AT(m) + RT_B(m, RT_DBM_SIGNAL))
#define RT_END(m) (RT_NOISE_AT(m) + RT_B(m, RT_DBM_NOISE))
#define RT_L(m) { RT_END(m), RT_FLAGS_AT(m), RT_RATE_AT(m), RT_CHAN_AT(m), RT_SIG_AT(m), \
		  RT_NOISE_AT(m), { 0, 0 } }
#define RT_L8(m) RT_L(m), RT_L(m + 1), RT_L(m + 2), RT_L(m + 3), RT_L(m + 4), RT_L(m + 5), \
		 RT_L(m + 6), RT_L(m + 7)

/* (eight bytes a row, so that a row is found by one scaled index) */
struct rt_layout { uint8_t end, flags, rate, chan, sig, noise, pad[2]; };

static const struct rt_layout rt_layouts[128] = {
	RT_L8(0), RT_L8(8), RT_L8(16), RT_L8(24), RT_L8(32), RT_L8(40), RT_L8(48), RT_L8(56),
	RT_L8(64), RT_L8(72), RT_L8(80), RT_L8(88), RT_L8(96), RT_L8(104), RT_L8(112), RT_L8(120),
};

/*
 * The Flags field's three bits fourway keeps (FCS at end B4, bad FCS B6,
 * short preamble B1), as the three consecutive bools of struct fw_radio:
 * one copy of a row instead of three tests.
 */
#define RT_FB(x, b) (((x) >> (b)) & 1)
#define RT_FROW(x) { RT_FB(x, 4), RT_FB(x, 6), RT_FB(x, 1) }
#define RT_FROW4(x) RT_FROW(x), RT_FROW((x) + 1), RT_FROW((x) + 2), RT_FROW((x) + 3)
#define RT_FROW16(x) RT_FROW4(x), RT_FROW4((x) + 4), RT_FROW4((x) + 8), RT_FROW4((x) + 12)
#define RT_FROW64(x) RT_FROW16(x), RT_FROW16((x) + 16), RT_FROW16((x) + 32), RT_FROW16((x) + 48)

static const uint8_t rt_flag_bools[256][3] = {
	RT_FROW64(0), RT_FROW64(64), RT_FROW64(128), RT_FROW64(192),
};

_Static_assert(RT_F_FCS_AT_END == 1 << 4 && RT_F_BAD_FCS == 1 << 6 &&
	       RT_F_SHORT_PREAMBLE == 1 << 1 &&
	       offsetof(struct fw_radio, bad_fcs) == offsetof(struct fw_radio, fcs_at_end) + 1 &&
	       offsetof(struct fw_radio, short_preamble) == offsetof(struct fw_radio, fcs_at_end) + 2 &&
	       sizeof(bool) == 1, "rt_flag_bools rows are laid out as struct fw_radio's flags");

/*
 * Store the fields among 0..6 of bits, laid out as row e says, from h (the
 * header start, in bounds up to at least e.end).  A byte stored through r
 * may alias the packet: each field is read into a local once, so that a
 * store does not have it loaded again.
 */
static inline __attribute__((always_inline)) void
rt_low(struct fw_radio *r, const uint8_t *h, const struct rt_layout e, uint32_t bits)
{
	if (bits & (1u << RT_TSFT)) {
		r->has_tsft = true;
		r->tsft = (uint64_t)h[8] | (uint64_t)h[9] << 8 | (uint64_t)h[10] << 16 |
			  (uint64_t)h[11] << 24 | (uint64_t)h[12] << 32 | (uint64_t)h[13] << 40 |
			  (uint64_t)h[14] << 48 | (uint64_t)h[15] << 56;
	}
	if (bits & (1u << RT_FLAGS))
		memcpy((uint8_t *)r + offsetof(struct fw_radio, fcs_at_end), rt_flag_bools[h[e.flags]], 3);
	/* 500 kb/s units; 0 means the rate is given elsewhere (MCS) */
	if (bits & (1u << RT_RATE)) {
		uint8_t rate = h[e.rate];

		if (rate != 0) {
			r->has_rate = true;
			r->rate_kbps = (uint32_t)rate * 500;
		}
	}
	if (bits & (1u << RT_CHANNEL)) {
		/* frequency and flags, two little-endian u16, in one load */
		const uint8_t *ch = h + e.chan;
		uint32_t v = (uint32_t)ch[0] | (uint32_t)ch[1] << 8 | (uint32_t)ch[2] << 16 |
			     (uint32_t)ch[3] << 24;

		r->has_freq = true;
		r->freq_mhz = (uint16_t)v;
		r->chan_flags = (uint16_t)(v >> 16);
	}
	if (bits & (1u << RT_DBM_SIGNAL)) {
		int8_t sig = (int8_t)h[e.sig];

		r->has_signal = true;
		r->signal_dbm = sig;
	}
	if (bits & (1u << RT_DBM_NOISE)) {
		int8_t noise = (int8_t)h[e.noise];

		r->has_noise = true;
		r->noise_dbm = noise;
	}
}

/* One present word of fields among 0..6; false when they do not fit in it_len. */
static inline __attribute__((always_inline)) bool
rt_simple(struct fw_radio *r, const uint8_t *data, size_t it_len, uint32_t bits)
{
	const struct rt_layout e = rt_layouts[bits & 0x7f];
	struct fw_cursor c;
	const uint8_t *h;

	fw_cur_init(&c, data, it_len);
	if (!fw_cur_ptr(&c, &h, e.end))
		return false;
	rt_low(r, h, e, bits);
	return true;
}

/* The fields rt_store keeps; the others are only stepped over. */
#define RT_KEPT ((UINT32_C(1) << RT_TSFT) | (UINT32_C(1) << RT_FLAGS) | \
		 (UINT32_C(1) << RT_RATE) | (UINT32_C(1) << RT_CHANNEL) | \
		 (UINT32_C(1) << RT_DBM_SIGNAL) | (UINT32_C(1) << RT_DBM_NOISE) | \
		 (UINT32_C(1) << RT_XCHANNEL) | (UINT32_C(1) << RT_MCS))
#define RT_FIXED_BITS ((UINT32_C(1) << RT_TLV) - 1)

/*
 * Lay out the fields of bits (among 0..27) from offset *off on, by their
 * alignment and size alone: pos[bit] is where each starts, *off ends past
 * the last.  Arithmetic only: nothing is read before the caller has
 * checked *off against it_len.
 */
static inline __attribute__((always_inline)) void
rt_place(uint32_t bits, size_t *off, size_t pos[RT_TLV])
{
	size_t o = *off;

	for (; bits; bits &= bits - 1) {
		unsigned bit = (unsigned)__builtin_ctz(bits);
		size_t a = rt_fields[bit].align;

		o = (o + a - 1) & ~(a - 1);
		pos[bit] = o;
		o += rt_fields[bit].size;
	}
	*off = o;
}

/*
 * Store the kept fields of bits, lowest first as the walk does, each from
 * its place in h (the header, in bounds past the last of them).
 */
static inline void rt_keep(struct fw_radio *r, const uint8_t *h, uint32_t bits,
			   const size_t pos[RT_TLV])
{
	for (bits &= RT_KEPT; bits; bits &= bits - 1) {
		unsigned bit = (unsigned)__builtin_ctz(bits);
		struct fw_cursor v;

		fw_cur_init(&v, h + pos[bit], rt_fields[bit].size);
		rt_store(r, bit, &v);
	}
}

/*
 * Fields 7..17 are only stepped over, and none aligns to more than 2: the
 * bytes they take follow from which are present and the parity of their
 * start alone.  Two tables of those lengths, indexed by (mask << 1) |
 * parity: fields 7..12 (lock quality, TX attenuation, dB TX attenuation:
 * 2 bytes aligned 2; dBm TX power, antenna, dB antenna signal: 1 byte) and
 * fields 13..17 (dB antenna noise: 1; RX flags, TX flags: 2 aligned 2;
 * RTS retries, data retries: 1).
 */
#define RT_SK_P(i) ((i) & 1)
#define RT_SK_M(i, k) (((i) >> ((k) + 1)) & 1)
#define RT_SK_A2(o, b) ((o) + ((o) & (b) & 1) + 2 * (b))
#define RT_SKA_1(i) RT_SK_A2(RT_SK_P(i), RT_SK_M(i, 0))
#define RT_SKA_2(i) RT_SK_A2(RT_SKA_1(i), RT_SK_M(i, 1))
#define RT_SKA_3(i) RT_SK_A2(RT_SKA_2(i), RT_SK_M(i, 2))
#define RT_SKA(i) (RT_SKA_3(i) + RT_SK_M(i, 3) + RT_SK_M(i, 4) + RT_SK_M(i, 5) - RT_SK_P(i))
#define RT_SKB_2(i) RT_SK_A2(RT_SK_P(i) + RT_SK_M(i, 0), RT_SK_M(i, 1))
#define RT_SKB_3(i) RT_SK_A2(RT_SKB_2(i), RT_SK_M(i, 2))
#define RT_SKB(i) (RT_SKB_3(i) + RT_SK_M(i, 3) + RT_SK_M(i, 4) - RT_SK_P(i))
#define RT_R8(F, i) F(i), F((i) + 1), F((i) + 2), F((i) + 3), F((i) + 4), F((i) + 5), \
		    F((i) + 6), F((i) + 7)
#define RT_R32(F, i) RT_R8(F, i), RT_R8(F, (i) + 8), RT_R8(F, (i) + 16), RT_R8(F, (i) + 24)

/*
 * Fields 1..6 after a start of either parity (Flags, Rate: 1 byte; Channel:
 * 4 aligned 2; FHSS: 2 bytes aligned 1; dBm signal, dBm noise: 1), for a
 * word whose fields need only be stepped over.
 */
#define RT_SK_AL(o, b, n) ((o) + ((o) & (b) & 1) + (n) * (b))
#define RT_SKL(i) (RT_SK_AL(RT_SK_P(i) + RT_SK_M(i, 0) + RT_SK_M(i, 1), RT_SK_M(i, 2), 4) + \
		   2 * RT_SK_M(i, 3) + RT_SK_M(i, 4) + RT_SK_M(i, 5) - RT_SK_P(i))

static const uint8_t rt_skip_1_6[128] = {
	RT_R32(RT_SKL, 0), RT_R32(RT_SKL, 32), RT_R32(RT_SKL, 64), RT_R32(RT_SKL, 96),
};
static const uint8_t rt_skip_7_12[128] = {
	RT_R32(RT_SKA, 0), RT_R32(RT_SKA, 32), RT_R32(RT_SKA, 64), RT_R32(RT_SKA, 96),
};
static const uint8_t rt_skip_13_17[64] = { RT_R32(RT_SKB, 0), RT_R32(RT_SKB, 32) };

_Static_assert(RT_SKA((0x3f << 1) | 1) == 1 + 6 + 3 && RT_SKB((0x1f << 1) | 0) == 1 + 1 + 4 + 2 &&
	       RT_SKL((0x3f << 1) | 1) == 2 + 1 + 4 + 2 + 2 && RT_SKL((0x04 << 1) | 1) == 1 + 4,
	       "rt_skip tables: all fields present, odd and even starts");

#define RT_MID_BITS UINT32_C(0x3ff80)
#define RT_HIGH_BITS (RT_FIXED_BITS & ~UINT32_C(0x3ffff))

/* Step *end over the fields 7..17 of bits. */
static inline __attribute__((always_inline)) void rt_mid(uint32_t bits, size_t *end)
{
	if (bits & RT_MID_BITS) {
		*end += rt_skip_7_12[((bits >> 6) & 0x7e) | (*end & 1)];
		*end += rt_skip_13_17[((bits >> 12) & 0x3e) | (*end & 1)];
	}
}

/*
 * The kept fields whose store would change nothing now: the first
 * occurrence of each wins (rt_store), only Flags is read again.
 */
static inline uint32_t rt_dead(const struct fw_radio *r)
{
	uint32_t d = 0;

	if (r->has_tsft)
		d |= UINT32_C(1) << RT_TSFT;
	if (r->has_rate)
		d |= (UINT32_C(1) << RT_RATE) | (UINT32_C(1) << RT_MCS);
	if (r->has_freq)
		d |= (UINT32_C(1) << RT_CHANNEL) | (UINT32_C(1) << RT_XCHANNEL);
	if (r->has_signal)
		d |= UINT32_C(1) << RT_DBM_SIGNAL;
	if (r->has_noise)
		d |= UINT32_C(1) << RT_DBM_NOISE;
	return d;
}

/* Step *end over the fields of bits (among 0..27) where none is read. */
static inline void rt_skip(uint32_t bits, size_t *end, size_t pos[RT_TLV])
{
	size_t o = *end;

	if (bits & (UINT32_C(1) << RT_TSFT))
		o = ((o + 7) & ~(size_t)7) + 8;
	if (bits & UINT32_C(0x7e))
		o += rt_skip_1_6[(bits & 0x7e) | (o & 1)];
	rt_mid(bits, &o);
	if (bits & RT_HIGH_BITS)
		rt_place(bits & RT_HIGH_BITS, &o, pos);
	*end = o;
}

/*
 * One present word of fields among 0..27 (bits 28..30 change nothing when
 * no word follows: TLVs would end the walk after these fields, and a
 * namespace switch has no word to apply to).  Fields 0..6 come from the
 * table, 7..17 are stepped over by the skip tables, 18..27 laid out by
 * arithmetic; one bound check covers them all.  False, r untouched, when
 * they do not fit.
 */
static inline __attribute__((always_inline)) bool
rt_one(struct fw_radio *r, const uint8_t *data, size_t it_len, uint32_t word)
{
	uint32_t bits = word & RT_FIXED_BITS;
	const struct rt_layout e = rt_layouts[bits & 0x7f];
	size_t pos[RT_TLV], end = e.end;
	struct fw_cursor c;
	const uint8_t *h;

	rt_mid(bits, &end);
	if (bits & RT_HIGH_BITS)
		rt_place(bits & RT_HIGH_BITS, &end, pos);
	fw_cur_init(&c, data, it_len);
	if (!fw_cur_ptr(&c, &h, end))
		return false;
	rt_low(r, h, e, bits);
	if (bits & ((UINT32_C(1) << RT_XCHANNEL) | (UINT32_C(1) << RT_MCS)))
		rt_keep(r, h, bits & RT_HIGH_BITS, pos);
	return true;
}

static bool rt_chain(struct fw_radio *r, const uint8_t *data, size_t it_len)
	__attribute__((noinline));

/* Lay out the fields of bits (among 0..27) from *end on, noting where each starts in pos. */
static inline void rt_lay(uint32_t bits, size_t *end, size_t pos[RT_TLV])
{
	if (bits & 0x7f)
		rt_place(bits & 0x7f, end, pos);
	rt_mid(bits, end);
	if (bits & RT_HIGH_BITS)
		rt_place(bits & RT_HIGH_BITS, end, pos);
}

/*
 * Several present words: the walk's namespace rules, each radiotap word's
 * fields laid out by arithmetic under one bound check, a vendor namespace
 * stepped over by its skip_length.  The first word, with r still zero,
 * stores as rt_one does; a later one stores only what the first
 * occurrence of a field has not (as a second antenna's signal: nothing,
 * its fields only stepped over).  False on anything the walk would call
 * an error, with r zero again: the walk then says what is wrong (and keeps
 * what it read before).
 */
static bool rt_chain(struct fw_radio *r, const uint8_t *data, size_t it_len)
{
	struct fw_cursor c, words;
	uint32_t word, bits, fixed;
	size_t n_words = 0, off, end, pos[RT_TLV];
	bool vendor = false;
	unsigned ns_word = 0;

	fw_cur_init(&c, data, it_len);
	fw_cur_skip(&c, 4);
	words = c;
	do {
		if (!fw_cur_u32le(&c, &word))
			return false;
		n_words++;
	} while (word & (UINT32_C(1) << RT_EXT));

	/*
	 * The first word: the fields start at off = 4 + 4 n_words, even, so
	 * rt_layouts' offsets (from 8) hold moved by off - 8 unless there is
	 * a TSFT and off is not a multiple of 8.
	 */
	fw_cur_u32le(&words, &word);
	bits = word & ((UINT32_C(1) << RT_NS_RADIOTAP) - 1);
	fixed = bits & RT_FIXED_BITS;
	off = end = fw_cur_offset(&c);
	if (!(off & 7) || !(fixed & (1u << RT_TSFT))) {
		const struct rt_layout e = rt_layouts[fixed & 0x7f];

		end = off - 8 + e.end;
		rt_mid(fixed, &end);
		if (fixed & RT_HIGH_BITS)
			rt_place(fixed & RT_HIGH_BITS, &end, pos);
		/* data[off..end) is in bounds: the word's fields lie inside it */
		if (!fw_cur_skip(&c, end - off))
			goto fail;
		rt_low(r, data + off - 8, e, fixed);
		if (fixed & RT_HIGH_BITS)
			rt_keep(r, data, fixed & RT_HIGH_BITS, pos);
	} else {
		rt_lay(fixed, &end, pos);
		if (!fw_cur_skip(&c, end - off))
			goto fail;
		rt_keep(r, data, fixed, pos);
	}
	/* TLVs (28) end the fixed fields */
	if (bits & (UINT32_C(1) << RT_TLV))
		return true;
	vendor = (word & (UINT32_C(3) << RT_NS_RADIOTAP)) == (UINT32_C(1) << RT_NS_VENDOR);
	ns_word = !(word & (UINT32_C(3) << RT_NS_RADIOTAP));

	for (size_t i = 1; i < n_words; i++) {
		fw_cur_u32le(&words, &word);
		if (!vendor) {
			uint32_t keep;

			bits = word & ((UINT32_C(1) << RT_NS_RADIOTAP) - 1);
			/* fields 32 and up are undefined: the walk stops */
			if (bits && ns_word != 0)
				break;
			fixed = bits & RT_FIXED_BITS;
			/* the first occurrence of a field wins: rt_store knows */
			keep = fixed & RT_KEPT;
			if (keep)
				keep &= ~rt_dead(r);
			off = end = fw_cur_offset(&c);
			if (keep)
				rt_lay(fixed, &end, pos);
			else
				rt_skip(fixed, &end, pos);
			if (!fw_cur_skip(&c, end - off))
				goto fail;
			if (keep)
				rt_keep(r, data, keep, pos);
			if (bits & (UINT32_C(1) << RT_TLV))
				break;
		} else if (ns_word == 0) {
			const char *unused;

			if (rt_vendor_skip(&c, &unused) != 0)
				goto fail;
		}
		if (word & (UINT32_C(1) << RT_NS_RADIOTAP)) {
			vendor = false;
			ns_word = 0;
		} else if (word & (UINT32_C(1) << RT_NS_VENDOR)) {
			vendor = true;
			ns_word = 0;
		} else {
			ns_word++;
		}
	}
	return true;
fail:
	memset(r, 0, sizeof(*r));
	return false;
}

/*
 * The first 8 bytes of a header under one bound check: its length and
 * first present word; false unless version 0 with the whole header inside
 * the packet.
 */
static inline __attribute__((always_inline)) bool
rt_head(const uint8_t *data, size_t len, size_t *it_len, uint32_t *word)
{
	struct fw_cursor c;
	const uint8_t *h;

	fw_cur_init(&c, data, len);
	if (!fw_cur_ptr(&c, &h, 8))
		return false;
	*it_len = (size_t)(h[2] | h[3] << 8);
	*word = (uint32_t)h[4] | (uint32_t)h[5] << 8 | (uint32_t)h[6] << 16 | (uint32_t)h[7] << 24;
	return h[0] == 0 && *it_len <= len;
}

/*
 * The headers of more than fields 0..6, out of the simple header's way:
 * version 0, the whole header inside the packet, one word of fields among
 * 0..27 (as Linux monitor interfaces write: RX flags, MCS, VHT...) or a
 * chain of words.  False, r untouched, for a header the walk refuses (or
 * one rt_fast took): rt_general then names what is wrong.
 */
static inline __attribute__((always_inline)) bool
rt_more(struct fw_radio *r, const uint8_t *data, size_t len)
{
	size_t it_len;
	uint32_t word;

	if (!rt_head(data, len, &it_len, &word) || word <= 0x7f)
		return false;
	if (word & (UINT32_C(1) << RT_EXT) ? !rt_chain(r, data, it_len) : !rt_one(r, data, it_len, word))
		return false;
	r->hdr_len = it_len;
	return true;
}

static int rt_walk(struct fw_radio *r, struct fw_cursor *cp, size_t it_len,
		   const char **err_field) __attribute__((noinline));
static int rt_general(struct fw_radio *r, const uint8_t *data, size_t len,
		      const char **err_field) __attribute__((noinline));

int fw_radiotap_parse(struct fw_radio *r, const uint8_t *data, size_t len,
		      size_t *hdr_len, const char **err_field)
{
	int rc;

	memset(r, 0, sizeof(*r));
	rc = dec_radiotap(r, data, len, err_field);
	*hdr_len = r->hdr_len;
	return rc;
}

int fw_radiotap_walk(struct fw_radio *r, const uint8_t *data, size_t len,
		     size_t *hdr_len, const char **err_field)
{
	int rc;

	memset(r, 0, sizeof(*r));
	rc = rt_general(r, data, len, err_field);
	*hdr_len = r->hdr_len;
	return rc;
}

/*
 * The common cases: version 0, the whole header inside the packet, one
 * present word naming fields among 0..6 only, or among 0..17 (as Linux
 * monitor interfaces write: antenna, RX flags), those past 6 stepped over
 * by the skip tables.  Its first 8 bytes under one bound check.  False, r
 * untouched, for anything else or a header too short for its fields:
 * rt_more, then rt_general, take it.
 */
static inline __attribute__((always_inline)) bool
rt_fast(struct fw_radio *r, const uint8_t *data, size_t len)
{
	size_t it_len;
	uint32_t word;

	if (!rt_head(data, len, &it_len, &word))
		return false;
	if (word <= 0x7f) {
		if (!rt_simple(r, data, it_len, word))
			return false;
	} else if (word & ~(RT_MID_BITS | 0x7f | (UINT32_C(7) << RT_TLV))) {
		return false;
	} else {
		/* fields among 0..17 only (28..30 change nothing without a next word) */
		const struct rt_layout e = rt_layouts[word & 0x7f];
		size_t end = e.end;
		struct fw_cursor hc;
		const uint8_t *h;

		rt_mid(word, &end);
		fw_cur_init(&hc, data, it_len);
		if (!fw_cur_ptr(&hc, &h, end))
			return false;
		rt_low(r, h, e, word);
	}
	r->hdr_len = it_len;
	return true;
}

int dec_radiotap(struct fw_radio *r, const uint8_t *data, size_t len, const char **err_field)
{
	if (rt_fast(r, data, len) || rt_more(r, data, len))
		return 0;
	return rt_general(r, data, len, err_field);
}

/*
 * fw_frame_plain_ack's tests in full: rt_fast's one simple word and
 * rt_simple's bound, then what dot11_fast makes an ACK of, only narrower
 * (no flag, no byte past the FCS), so that everything else goes the whole
 * way.  A packet taken is remembered in m.
 */
bool fw_frame_plain_ack_radiotap(struct fw_plain_ack_memo *m, const uint8_t *data, size_t len,
				 const uint8_t **ra)
{
	struct fw_cursor c;
	struct rt_layout e;
	const uint8_t *h, *b;
	size_t it_len, fcs;
	uint32_t word;
	uint8_t flags = 0;

	/* version 0, the header inside the packet, one present word of bits among 0..6 */
	if (!rt_head(data, len, &it_len, &word) || word > 0x7f)
		return false;
	e = rt_layouts[word];
	fw_cur_init(&c, data, len);
	if (e.end > it_len || !fw_cur_ptr(&c, &h, it_len))
		return false;
	if (word & (1u << RT_FLAGS))
		flags = h[e.flags];
	if (flags & RT_F_BAD_FCS)
		return false;	/* counted as such by the whole decode */
	fcs = (flags & RT_F_FCS_AT_END) ? 4 : 0;
	if (len - it_len != DEC_ACK_LEN + fcs || !fw_cur_ptr(&c, &b, DEC_ACK_LEN))
		return false;
	/* Frame Control: version 0, type Control, subtype ACK; no flag */
	if (b[0] != FW_PLAIN_ACK_FC0 || b[1] != 0)
		return false;
	*ra = b + 4;
	memcpy(&m->head, h, sizeof(m->head));	/* it_len >= e.end >= 8 */
	m->len = (uint32_t)len;
	m->it_len = (uint16_t)it_len;
	m->flags_at = (word & (1u << RT_FLAGS)) ? e.flags : 0;
	m->flags = h[m->flags_at];
	return true;
}

_Static_assert(FW_PLAIN_ACK_LEN == DEC_ACK_LEN &&
	       FW_PLAIN_ACK_FC0 == (FW_ST_ACK << 4 | FW_T_CTRL << 2),
	       "fw_frame_plain_ack's constants are the ACK's");

static int rt_frame_more(struct fw_frame *f, const uint8_t *data, size_t len)
	__attribute__((noinline));
static int rt_frame_general(struct fw_frame *f, const uint8_t *data, size_t len)
	__attribute__((noinline));

/* The MPDU after the radiotap header f->radio describes (a tail call where it is used). */
static inline __attribute__((always_inline)) int rt_mpdu(struct fw_frame *f, const uint8_t *data,
							   size_t len)
{
	size_t hdr = f->radio.hdr_len;

	return dec_dot11(f, data + hdr, len - hdr, f->radio.fcs_at_end ? 4 : 0, hdr);
}

/*
 * Header and MPDU, with the fast header in line and the MPDU a tail call:
 * the frames of the common header pay for no stack frame here.
 */
int dec_radiotap_frame(struct fw_frame *f, const uint8_t *data, size_t len)
{
	if (!rt_fast(&f->radio, data, len))
		return rt_frame_more(f, data, len);
	return rt_mpdu(f, data, len);
}

/* The same for the headers rt_more takes, the others left to the walk. */
static int rt_frame_more(struct fw_frame *f, const uint8_t *data, size_t len)
{
	if (!rt_more(&f->radio, data, len))
		return rt_frame_general(f, data, len);
	return rt_mpdu(f, data, len);
}

static int rt_frame_general(struct fw_frame *f, const uint8_t *data, size_t len)
{
	const char *field = NULL;
	int rc = rt_general(&f->radio, data, len, &field);

	if (rc)
		return dec_fail(f, rc, field, 0);
	return rt_mpdu(f, data, len);
}

/* The header checks, then the walk (r is still zero: the fast paths store only on success). */
static int rt_general(struct fw_radio *r, const uint8_t *data, size_t len,
		      const char **err_field)
{
	struct fw_cursor c;
	uint8_t version, pad;
	uint16_t it_len;

	fw_cur_init(&c, data, len);
	if (!fw_cur_u8(&c, &version) || !fw_cur_u8(&c, &pad) || !fw_cur_u16le(&c, &it_len)) {
		*err_field = "radiotap header";
		return FW_ETRUNC;
	}
	if (version != 0) {
		*err_field = "radiotap version";
		return FW_EUNSUPP;
	}
	if (it_len < 8) {
		*err_field = "radiotap length";
		return FW_EMALFORMED;
	}
	if (it_len > len) {
		*err_field = "radiotap length";
		return FW_ETRUNC;
	}
	/* bound everything by it_len: the base stays the header start */
	fw_cur_init(&c, data, it_len);
	fw_cur_skip(&c, 4);
	return rt_walk(r, &c, it_len, err_field);
}

/* The general walk of the present words, from c at the first of them. */
static int rt_walk(struct fw_radio *r, struct fw_cursor *cp, size_t it_len,
		   const char **err_field)
{
	struct fw_cursor c = *cp, words = c;
	uint32_t word;
	size_t n_words = 0;
	bool vendor = false;
	unsigned ns_word = 0;

	do {
		if (!fw_cur_u32le(&c, &word)) {
			*err_field = "radiotap present";
			return FW_EMALFORMED;
		}
		n_words++;
	} while (word & (UINT32_C(1) << RT_EXT));
	r->hdr_len = it_len;

	/* c now points at the first field; walk the words again */
	for (size_t i = 0; i < n_words; i++) {
		int rc = 0;

		fw_cur_u32le(&words, &word);
		if (vendor && ns_word == 0)
			rc = rt_vendor_skip(&c, err_field);
		else if (!vendor)
			rc = rt_word_fields(r, &c, word, ns_word, err_field);
		if (rc < 0)
			return rc;
		if (rc > 0)
			break;
		if (word & (UINT32_C(1) << RT_NS_RADIOTAP)) {
			vendor = false;
			ns_word = 0;
		} else if (word & (UINT32_C(1) << RT_NS_VENDOR)) {
			vendor = true;
			ns_word = 0;
		} else {
			ns_word++;
		}
	}
	return 0;
}

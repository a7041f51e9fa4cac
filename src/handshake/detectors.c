/*
 * detectors.c - the detectors, in the order they run over a link once its
 * messages are verified and its ACKs, outcomes and key model are known.
 * A link's findings come out in this order (the chain pass and every
 * report follow it), so a new detector goes where its findings belong.
 */
#include "handshake/internal.h"

typedef void (*hs_detector)(struct fw_core *c, struct hs_link *l);

static const hs_detector detectors[] = {
	detect_mic,
	detect_keywrong,
	detect_m2_rejected,
	detect_pmkid,
	detect_rsne,
	detect_replay,
	detect_anonce,
	detect_trailing,
	detect_ack,
	detect_install,
	detect_timeout,
	detect_m1,
	detect_group,
	detect_reinstall,
	detect_nonce,
	detect_late,
	detect_order,
	detect_slow,
	detect_lossy,
	detect_stale,
	detect_pmf,
};

void hs_detect(struct fw_core *c, struct hs_link *l)
{
	for (size_t i = 0; i < sizeof(detectors) / sizeof(detectors[0]); i++)
		detectors[i](c, l);
}

/*
 * scenarios_eap.c - the 802.1X scenarios: an EAP authentication on the air,
 * relayed over RADIUS on the AP's wired side, whose Access-Accept hands the
 * AP the PMK of the 4-way handshake that follows (AKM 1).  Analyzed with
 * both files merged and only the RADIUS secret, which gives the PMKs.
 */
#include "synth/internal.h"

#define RETRY_US 1000000	/* EAPOL-Key retransmission timeout (hostapd's) */

static const struct sc_tx NORMAL;

/* Identity, EAP-TLS, Access-Accept, EAP-Success, then a clean handshake: no finding. */
static void eap_clean(struct scene *sc)
{
	sc_connect(sc);
	sc_eap_auth(sc);
	sc_handshake(sc);
	sc_traffic(sc);
	sc_complete(sc, 1);
}

/*
 * The station authenticates, completes a handshake, leaves and comes back;
 * the second EAP run gives the AP a new PMK, but the station keeps the one
 * of the first authentication: each 2/4 of the second handshake verifies
 * only with the old PMK, the AP rejects them and gives up (reason 15).
 */
static void stale_key(struct scene *sc)
{
	sc_connect(sc);
	sc_eap_auth(sc);
	sc_handshake(sc);
	sc_traffic(sc);
	sc_leave_and_return(sc);
	sc_new_anonce(sc);
	sc_eap_method(sc, false);	/* the station does not take the new MSK */
	sc_radius_accept(sc);
	sc_eap_success(sc);
	sc_wait_us(sc, 1000);
	sc_m2_rejected_twice(sc, &NORMAL);
	sc_complete(sc, 1);
}

/*
 * The AP starts the 4-way handshake while the Access-Accept is still on its
 * way: 1/4 (no PMKID: it has no PMK) goes out right after the station's
 * last EAP-Response, and the station, whose method already gave it the
 * MSK, answers with a 2/4 the AP cannot check.  The Accept arrives, the AP
 * retransmits 1/4 a second later, and the handshake completes.
 */
static void key_late(struct scene *sc)
{
	static const struct sc_tx early = { .no_pmkid = true };
	uint64_t bad;

	sc_connect(sc);
	sc_eap_method(sc, true);
	sc_wait_us(sc, 300);
	bad = sc_m1_m2(sc, &early, &NORMAL);
	sc_radius_accept(sc);
	sc_eap_success(sc);
	sc_wait_us(sc, RETRY_US);
	sc_handshake(sc);
	sc_traffic(sc);
	sc_expect_confirmed(sc, "MIC_BAD", bad);
	sc_complete(sc, 1);
}

const struct sc_entry sc_eap_table[] = {
	{ { "eap-clean", "802.1X: EAP on the air, the PMK in the Access-Accept on the wire, a clean "
	  "handshake" }, eap_clean },
	{ { "stale-key", "802.1X: after a second authentication the station's 2/4 uses the first "
	  "one's PMK" }, stale_key },
	{ { "key-late", "802.1X: the AP starts the handshake before the Access-Accept with its PMK "
	  "arrives" }, key_late },
};
const size_t sc_eap_table_len = sizeof(sc_eap_table) / sizeof(sc_eap_table[0]);

/*
 * scenarios.c - one function per race, and the table `synth --list` shows.
 *
 * Each function is the race as it looks on the air, in the order a sniffer
 * next to both parties would capture it, and records the findings it is
 * built to produce (DESIGN.md's catalogue) at the frames that are their
 * evidence.  Retransmission timers are hostapd's defaults (1 s between
 * EAPOL retransmissions); ACKs follow every unicast frame the receiver got.
 */
#include <string.h>

#include "synth/internal.h"

#define RETRY_US 1000000	/* EAPOL-Key retransmission timeout */
#define REASON_PREV_AUTH_INVALID 2
#define REASON_LEAVING 3
#define REASON_CLASS3_NONASSOC 7
#define REASON_4WAY_TIMEOUT 15
#define REASON_GROUP_TIMEOUT 16
#define REASON_IE_DIFFERS 17

static const struct sc_tx NORMAL;
static const struct sc_tx NO_ACK = { .no_ack = true };
static const struct sc_tx PROTECTED = { .protect = true };
/* the receiver's radio ACKs it, its daemon never gets it (the logs show that) */
static const struct sc_tx UNHEARD = { .unheard = true };

static void clean(struct scene *sc)
{
	sc_connect(sc);
	sc_handshake(sc);
	sc_traffic(sc);
	sc_complete(sc, 1);
}

/* M1, M2 and M3 all acknowledged: the start every 3/4-retry race shares. */
static uint64_t up_to_m3(struct scene *sc, const struct sc_tx *m3)
{
	sc_connect(sc);
	sc_m1_m2(sc, &NORMAL, &NORMAL);
	sc_wait_us(sc, 900);
	return sc_m3(sc, m3);
}

void sc_m2_rejected_twice(struct scene *sc, const struct sc_tx *m2)
{
	uint64_t a, b, end;

	a = sc_m1_m2(sc, &NORMAL, m2);
	sc_wait_us(sc, RETRY_US);
	b = sc_m1_m2(sc, &NORMAL, m2);
	sc_wait_us(sc, RETRY_US);
	end = sc_deauth(sc, true, REASON_4WAY_TIMEOUT);
	/* hostapd: "invalid MIC in msg 2/4" for each */
	sc_expect_confirmed(sc, "MIC_BAD", a);
	sc_expect_confirmed(sc, "MIC_BAD", b);
	sc_expect(sc, "TIMEOUT", end);
}

/* Connected, two attempts whose 2/4 the AP rejects (as m2 says), then the AP gives up. */
static void rejected_twice(struct scene *sc, const struct sc_tx *m2)
{
	sc_connect(sc);
	sc_m2_rejected_twice(sc, m2);
	sc_complete(sc, 0);
}

/* 4/4 goes out as m4 says; the AP retransmits 3/4 anyway, and the second 4/4 gets through. */
static void m4_then_m3_retry(struct scene *sc, const struct sc_tx *m4, const char *code)
{
	uint64_t first;

	up_to_m3(sc, &NORMAL);
	sc_wait_us(sc, 1100);
	first = sc_m4(sc, m4);
	sc_wait_us(sc, RETRY_US - 900);
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_expect(sc, code, first);
	if (!m4->no_ack)	/* ACKed, yet hostapd never logged it: lost before the daemon */
		sc_expect_log(sc, "LOG_AIR_MISMATCH", first);
	sc_complete(sc, 1);
}

static void m4_lost(struct scene *sc)
{
	m4_then_m3_retry(sc, &NO_ACK, "M4_LOST");
}

static void m4_ignored(struct scene *sc)
{
	m4_then_m3_retry(sc, &UNHEARD, "M4_IGNORED");
}

/*
 * The lost 4/4 of DESIGN.md's first case: the station installs its key as
 * soon as 4/4 is sent, the 4/4 is lost, and its answers to the AP's 3/4
 * retries leave protected with the new TK, which the AP cannot read.
 */
static void early_key_install(struct scene *sc)
{
	uint64_t m4, p1, r2, end;

	up_to_m3(sc, &NORMAL);
	sc_wait_us(sc, 1100);
	m4 = sc_m4(sc, &NO_ACK);
	sc_install(sc, &sc->sta);
	sc_wait_us(sc, RETRY_US);
	sc_m3(sc, &NORMAL);
	sc_wait_us(sc, 1100);
	p1 = sc_m4(sc, &PROTECTED);
	sc_wait_us(sc, RETRY_US);
	r2 = sc_m3(sc, &NORMAL);
	sc_wait_us(sc, 1100);
	sc_m4(sc, &PROTECTED);
	sc_wait_us(sc, RETRY_US);
	end = sc_deauth(sc, true, REASON_4WAY_TIMEOUT);
	sc_expect(sc, "M4_LOST", m4);
	/* the protected 4/4 is ACKed by the AP's radio, yet the AP retries: M4_IGNORED too */
	sc_expect(sc, "M4_IGNORED", p1);
	/* the station's "Installing PTK" right after it sent the lost 4/4 */
	sc_expect_confirmed(sc, "EARLY_KEY_INSTALL", p1);
	sc_expect(sc, "M3_RETRY_AFTER_INSTALL", r2);
	sc_expect(sc, "TIMEOUT", end);
	sc_complete(sc, 0);
}

/*
 * The 4/4 reaches the AP's radio (ACKed) but not its authenticator; the
 * station, keys installed, sends data and ignores the plaintext 3/4 retries.
 */
static void m3_retry_after_install(struct scene *sc)
{
	uint64_t m4, r1, end;

	up_to_m3(sc, &NORMAL);
	sc_wait_us(sc, 1100);
	m4 = sc_m4(sc, &UNHEARD);
	sc_install(sc, &sc->sta);
	sc_wait_us(sc, 20000);
	sc_ping(sc, false, true);
	sc_wait_us(sc, RETRY_US);
	r1 = sc_m3(sc, &NORMAL);
	sc_wait_us(sc, 300000);
	sc_ping(sc, false, true);
	sc_wait_us(sc, RETRY_US);
	sc_m3(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	end = sc_deauth(sc, true, REASON_4WAY_TIMEOUT);
	sc_expect(sc, "M4_IGNORED", m4);
	sc_expect_log(sc, "LOG_AIR_MISMATCH", m4);
	sc_expect(sc, "M3_RETRY_AFTER_INSTALL", r1);
	sc_expect(sc, "TIMEOUT", end);
	sc_complete(sc, 0);
}

/* A 3/4 retry makes the station install the same PTK again: its PN restarts at 1. */
static void key_reinstall(struct scene *sc)
{
	uint64_t m4, again;

	up_to_m3(sc, &NORMAL);
	sc_wait_us(sc, 1100);
	m4 = sc_m4(sc, &UNHEARD);
	sc_install(sc, &sc->sta);
	sc_wait_us(sc, 20000);
	sc_ping(sc, false, true);
	sc_wait_us(sc, 200000);
	sc_ping(sc, false, true);
	sc_wait_us(sc, RETRY_US - 220000);
	sc_m3(sc, &NORMAL);
	sc_wait_us(sc, 1100);
	sc_m4(sc, &NORMAL);
	sc_install(sc, &sc->sta);	/* the reinstallation: PN back to 0 */
	sc_install(sc, &sc->ap);
	sc_wait_us(sc, 20000);
	again = sc_ping(sc, false, true);
	sc_wait_us(sc, 400);
	sc_ping(sc, true, true);
	sc_expect(sc, "M4_IGNORED", m4);
	sc_expect_log(sc, "LOG_AIR_MISMATCH", m4);
	sc_expect(sc, "KEY_REINSTALL", again);
	sc_complete(sc, 1);
}

/*
 * DESIGN.md's second case: the authenticator's state machine restarts with
 * a new ANonce (a duplicated start event) while the station answers the
 * first 1/4; that 2/4 reaches a checker holding the second ANonce with the
 * replay counter it waits for (the events were reordered between the parts
 * of the AP), so its MIC is checked, and fails.  The station then answers
 * the second 1/4 and the handshake completes.
 */
static void stale_anonce(struct scene *sc)
{
	uint8_t first[32];
	struct sc_tx stale = { 0 };
	uint64_t bad;

	sc_connect(sc);
	sc_m1(sc, &NORMAL);
	memcpy(first, sc->anonce, 32);
	sc_wait_us(sc, 1500);
	sc_new_anonce(sc);
	sc_m1(sc, &NORMAL);
	sc_wait_us(sc, 1500);
	stale.anonce = first;
	bad = sc_m2(sc, &stale);
	sc_wait_us(sc, 1200);
	sc_m2(sc, &NORMAL);
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_expect_confirmed(sc, "MIC_BAD", bad);
	sc_complete(sc, 1);
}

/*
 * The AP starts over with a new ANonce 1.5 ms after its first 1/4; the
 * station's answer to that first 1/4 (its replay counter, its ANonce) is
 * on the air only after: a late answer, which the AP drops for its replay
 * counter before any MIC check.  Its MIC is right for the request it
 * answers.  The station answers the second 1/4 and the handshake completes.
 */
static void late_m2(struct scene *sc)
{
	uint8_t first[32];
	struct sc_tx late = { 0 };
	uint64_t m2;

	sc_connect(sc);
	sc_m1(sc, &NORMAL);
	memcpy(first, sc->anonce, 32);
	late.rc = sc->rc;
	sc_wait_us(sc, 1500);
	sc_new_anonce(sc);
	sc_m1(sc, &NORMAL);
	sc_wait_us(sc, 1500);
	late.anonce = first;
	m2 = sc_m2(sc, &late);
	sc_wait_us(sc, 1200);
	sc_m2(sc, &NORMAL);
	sc_m3_m4(sc);
	sc_traffic(sc);
	/* hostapd: "received EAPOL-Key 2/4 Pairwise with unexpected replay counter" */
	sc_expect_confirmed(sc, "LATE_ANSWER", m2);
	sc_complete(sc, 1);
}

/*
 * Four zero bytes follow each 2/4's EAPOL frame (padding added on the way);
 * the MIC covers the declared EAPOL length only, the authenticator checks
 * it over the whole frame and rejects it until it gives up.
 */
static void trailing_bytes(struct scene *sc)
{
	struct sc_tx pad = { .trailing = 4 };

	rejected_twice(sc, &pad);
}

/* The station holds another PMK: every 2/4 fails, the AP retries 1/4 and gives up. */
static void wrong_key(struct scene *sc)
{
	fw_rng_fill(&sc->rng, sc->sta_pmk, sizeof(sc->sta_pmk));
	rejected_twice(sc, &NORMAL);
}

void sc_leave_and_return(struct scene *sc)
{
	sc_wait_us(sc, 2000000);
	sc_deauth(sc, false, REASON_LEAVING);
	sc->sta.installed = sc->ap.installed = false;
	sc->rc = 0;		/* a new association starts the counter again */
	sc_wait_us(sc, 500000);
	sc_new_snonce(sc);
	sc_connect(sc);
}

/* The station leaves and comes back; the AP's second handshake reuses its ANonce. */
static void nonce_reuse(struct scene *sc)
{
	uint64_t again;

	clean(sc);
	sc_leave_and_return(sc);
	again = sc_m1_m2(sc, &NORMAL, &NORMAL) - 2;
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_expect(sc, "NONCE_REUSE", again);
	sc_complete(sc, 2);
}

/* 3/4 offers TKIP where the beacon said the network's cipher: the station aborts (reason 17). */
static void rsne_mismatch(struct scene *sc)
{
	struct sc_tx downgrade = { .rsne_pairwise = 2 };
	uint64_t m3, end;

	m3 = up_to_m3(sc, &downgrade);
	sc_wait_us(sc, 2000);
	end = sc_deauth(sc, false, REASON_IE_DIFFERS);
	sc_expect(sc, "RSNE_MISMATCH", m3);
	sc_expect(sc, "TIMEOUT", end);
	sc_complete(sc, 0);
}

/* 1/4 carries a PMKID that names no PMK the AP has; the MICs all verify. */
static void pmkid_mismatch(struct scene *sc)
{
	uint8_t pmkid[16];
	struct sc_tx odd = { 0 };
	uint64_t m1;

	fw_rng_fill(&sc->rng, pmkid, sizeof(pmkid));
	odd.pmkid = pmkid;
	sc_connect(sc);
	m1 = sc_m1_m2(sc, &odd, &NORMAL) - 2;	/* 1/4, its ACK, 2/4 */
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_expect(sc, "PMKID_MISMATCH", m1);
	sc_complete(sc, 1);
}

/*
 * A capture merged from two sniffers: 2/4 and its ACK were written before
 * the 1/4 they answer, with their true (later) timestamps.
 */
static void reordered(struct scene *sc)
{
	uint64_t m1, m2;

	sc_connect(sc);
	m2 = sc_m1_m2(sc, &NORMAL, &NORMAL);
	m1 = m2 - 2;
	sc_move(sc, m2, m1);
	sc_move(sc, m2 + 1, m1 + 1);
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_expect(sc, "REORDERED", m1);
	sc_complete(sc, 1);
}

/* The station takes 1.6 s to answer 1/4 (slow PBKDF2): the AP retransmits 1/4 meanwhile. */
static void slow_response(struct scene *sc)
{
	struct sc_tx first = { .rc = 1 };
	uint64_t m2;

	sc_connect(sc);
	sc_m1(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	sc_m1(sc, &NORMAL);
	sc_wait_us(sc, 600000);
	m2 = sc_m2(sc, &first);
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_expect(sc, "SLOW_RESPONSE", m2);
	/* it answers the first 1/4 after the second was sent */
	sc_expect(sc, "LATE_ANSWER", m2);
	sc_complete(sc, 1);
}

/* After the 4-way handshake the AP rolls the GTK: group 1/2 and 2/2, protected. */
static void group_rekey(struct scene *sc)
{
	clean(sc);
	sc_wait_us(sc, 2000000);
	sc_g1(sc, &NORMAL);
	sc_wait_us(sc, 1500);
	sc_g2(sc, &NORMAL);
	sc_wait_us(sc, 10000);
	sc_group_data(sc);
	sc_complete(sc, 2);
}

/* The station never answers 3/4 although it acknowledges every retry: reason 15. */
static void timeout(struct scene *sc)
{
	uint64_t end;

	up_to_m3(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	sc_m3(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	sc_m3(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	end = sc_deauth(sc, true, REASON_4WAY_TIMEOUT);
	sc_expect(sc, "TIMEOUT", end);
	sc_complete(sc, 0);
}

/* The AP sends 3/4 with the replay counter of 1/4 (not increased); the station goes along. */
static void replay_counter(struct scene *sc)
{
	struct sc_tx same = { .rc_set = true, .rc = 1 };
	uint64_t m3;

	m3 = up_to_m3(sc, &same);
	sc_wait_us(sc, 1100);
	sc_m4(sc, &NORMAL);
	sc_install(sc, &sc->sta);
	sc_install(sc, &sc->ap);
	sc_traffic(sc);
	sc_expect(sc, "REPLAY_COUNTER", m3);
	sc_complete(sc, 1);
}

/*
 * One bit of 2/4's Key IV field flips after the MIC was computed: the AP
 * rejects it, retries 1/4, and the second 2/4 arrives intact.
 */
static void altered(struct scene *sc)
{
	struct sc_tx flip = { .flip = 4 + 1 + 2 + 2 + 8 + 32 + 5 + 1 };	/* a byte of the Key IV */
	uint64_t bad;

	sc_connect(sc);
	bad = sc_m1_m2(sc, &NORMAL, &flip);
	sc_wait_us(sc, RETRY_US);
	sc_m1_m2(sc, &NORMAL, &NORMAL);
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_expect_confirmed(sc, "MIC_BAD", bad);
	sc_complete(sc, 1);
}

/* 3/4 is not acknowledged, not even its MAC retransmission; the EAPOL retry 1 s later is. */
static void m3_lost(struct scene *sc)
{
	uint64_t m3;

	m3 = up_to_m3(sc, &NO_ACK);
	sc_retransmit(sc, m3, false);
	sc_wait_us(sc, RETRY_US - 900);
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_expect_confirmed(sc, "M3_LOST", m3);	/* hostapd: TX status ack=0 */
	sc_complete(sc, 1);
}

/* The station acknowledges group 1/2 and its retry but never answers: reason 16. */
static void group_failed(struct scene *sc)
{
	uint64_t g1, end;

	clean(sc);
	sc_wait_us(sc, 2000000);
	g1 = sc_g1(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	sc_g1(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	end = sc_deauth(sc, true, REASON_GROUP_TIMEOUT);
	sc_expect(sc, "GROUP_FAILED", g1);
	sc_expect(sc, "TIMEOUT", end);
	sc_complete(sc, 1);
}

/* The station never answers 1/4 nor its retry; the AP gives up (reason 15). */
static void m1_unanswered(struct scene *sc)
{
	uint64_t m1, end;

	sc_connect(sc);
	m1 = sc_m1(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	sc_m1(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	end = sc_deauth(sc, true, REASON_4WAY_TIMEOUT);
	sc_expect(sc, "M1_UNANSWERED", m1);
	sc_expect(sc, "TIMEOUT", end);
	sc_complete(sc, 0);
}

/*
 * The AP answers a 2/4 with a fresh 1/4 and a new ANonce, no
 * deauthentication between: its state machine restarted mid-handshake.
 */
static void anonce_changed(struct scene *sc)
{
	uint64_t m1b;

	sc_connect(sc);
	sc_m1_m2(sc, &NORMAL, &NORMAL);
	sc_wait_us(sc, 20000);
	sc_new_anonce(sc);
	m1b = sc_m1(sc, &NORMAL);
	sc_wait_us(sc, 900);
	sc_m2(sc, &NORMAL);
	sc_wait_us(sc, 900);
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_expect(sc, "ANONCE_CHANGED", m1b);
	sc_complete(sc, 1);
}

/*
 * The sniffer misses the station's 2/4 (the AP got it: its ACK is in the
 * capture, and 3/4 follows): the exchange goes on past a frame the
 * capture lacks.
 */
static void capture_lossy(struct scene *sc)
{
	uint64_t m2;

	sc_connect(sc);
	m2 = sc_m1_m2(sc, &NORMAL, &NORMAL);
	sc_m3_m4(sc);
	sc_traffic(sc);
	sc_drop(sc, m2);
	/* after the drop the AP's ACK of 2/4 is frame m2, and 3/4 the next one */
	sc_expect(sc, "CAPTURE_LOSSY", m2 + 1);
	sc_complete(sc, 1);
}

/*
 * After a (re)association the AP starts a new handshake in the clear; the
 * station, still on its old PTK, answers each 1/4 with a 2/4 under that
 * key, which the AP no longer holds, until the AP gives up.
 */
static void stale_ptk_answers(struct scene *sc, uint64_t first_m1_us, unsigned complete)
{
	uint64_t m2, end;

	sc_new_anonce(sc);
	sc_new_snonce(sc);
	if (first_m1_us)
		sc_wait_us(sc, first_m1_us);
	sc_m1(sc, &NORMAL);
	sc_wait_us(sc, 2500);
	m2 = sc_m2(sc, &PROTECTED);
	sc_wait_us(sc, RETRY_US);
	sc_m1(sc, &NORMAL);
	sc_wait_us(sc, 2500);
	sc_m2(sc, &PROTECTED);
	sc_wait_us(sc, RETRY_US);
	end = sc_deauth(sc, true, REASON_4WAY_TIMEOUT);
	sc_expect(sc, "STALE_PTK", m2);
	sc_expect(sc, "TIMEOUT", end);
	sc_complete(sc, complete);
}

/*
 * A re-association in the middle of the link's life: the AP deletes the
 * station's keys and starts a new handshake in the clear, but the
 * station's driver kept the PTK of the first handshake, so both its 2/4s
 * leave encrypted with it; the AP reads neither, retransmits 1/4, and
 * gives up.
 */
static void reassoc_stale_ptk(struct scene *sc)
{
	sc_connect(sc);
	sc_handshake(sc);
	sc_traffic(sc);
	sc_wait_us(sc, 500000);
	sc_associate(sc, true);
	sc->ap.installed = false;
	stale_ptk_answers(sc, 0, 1);
}

/*
 * The station's association request goes out a second time (a new frame,
 * not a MAC retry) while the AP waits for 4/4: the AP takes it for a new
 * association, forgets the handshake and starts another.  The station's
 * 4/4 answers the 3/4 of before (the AP's radio ACKs it, the restarted
 * authenticator drops it); the station installed that handshake's PTK and
 * encrypts its answers to the new 1/4s with it, a key the AP never held.
 */
static void dup_assoc_stale_ptk(struct scene *sc)
{
	up_to_m3(sc, &NORMAL);
	sc_wait_us(sc, 600);
	sc_associate(sc, false);
	sc_m4(sc, &NORMAL);
	sc_install(sc, &sc->sta);
	stale_ptk_answers(sc, 2000, 0);
}

/*
 * PMF required and the 4/4 lost: the station installed its key, the AP
 * never did.  The AP's unprotected deauthentications (reason 15 after its
 * 3/4 retry, reason 7 when protected data keeps coming) are discarded by
 * the station, whose SA Query requests the AP cannot read; after five
 * (wpa_supplicant's 201 ms retry, 1 s budget) the station deauthenticates
 * itself, protected, and connects again: a new handshake whose TK starts
 * its packet numbers at 1 again, which is no key reinstallation.
 */
static void pmf_deauth_ignored(struct scene *sc)
{
	uint64_t m4, p1, r1, d15, end;
	uint8_t tid[2];

	sc->pmf = true;
	up_to_m3(sc, &NORMAL);
	sc_wait_us(sc, 1100);
	m4 = sc_m4(sc, &NO_ACK);
	sc_install(sc, &sc->sta);
	sc_wait_us(sc, 20000);
	p1 = sc_ping(sc, false, true);
	sc_wait_us(sc, RETRY_US);
	r1 = sc_m3(sc, &NORMAL);
	sc_wait_us(sc, RETRY_US);
	d15 = sc_deauth(sc, true, REASON_4WAY_TIMEOUT);
	sc_wait_us(sc, 300000);
	sc_ping(sc, false, true);
	sc_wait_us(sc, 2000);
	sc_deauth(sc, true, REASON_CLASS3_NONASSOC);
	/* wpa_supplicant's sme.c: the dropped deauth starts the SA Query */
	sc_alog_line(sc, false, sc->t + 200000, "wlan1: SME: Unprotected disconnect dropped - "
		     "possible AP/STA state mismatch - trigger SA Query");
	for (int i = 0; i < 5; i++) {
		sc_wait_us(sc, i ? 201000 : 1000);
		sc_alog_line(sc, false, sc->t - 700000, "wlan1: SME: Association SA Query attempt %d",
			     i + 1);
		fw_rng_fill(&sc->rng, tid, sizeof(tid));
		sc_sa_query(sc, false, false, tid);
	}
	sc_wait_us(sc, 201000);
	sc_alog_line(sc, false, sc->t - 2000000, "wlan1: SME: SA Query timed out");
	end = sc_deauth_protected(sc, false, REASON_PREV_AUTH_INVALID);
	sc->sta.installed = false;
	sc_wait_us(sc, 800000);
	sc_new_anonce(sc);
	sc_new_snonce(sc);
	sc_connect(sc);
	sc_handshake(sc);
	sc_traffic(sc);
	sc_expect(sc, "M4_LOST", m4);
	sc_expect_confirmed(sc, "EARLY_KEY_INSTALL", p1);
	sc_expect(sc, "M3_RETRY_AFTER_INSTALL", r1);
	sc_expect(sc, "TIMEOUT", d15);
	/* the station: "Unprotected Deauthentication frame dropped" */
	sc_expect_confirmed(sc, "PMF_MISMATCH", d15);
	sc_expect(sc, "PMF_MISMATCH", end);
	sc_complete(sc, 1);
}

/*
 * PMF working as designed: after a complete handshake an unprotected
 * deauthentication (reason 7) in the AP's name - forged, the AP holds its
 * key - is discarded by the station, whose SA Query the AP answers; the
 * link carries on.  No finding.
 */
static void pmf_spoofed_deauth(struct scene *sc)
{
	uint8_t tid[2];

	sc->pmf = true;
	sc_connect(sc);
	sc_handshake(sc);
	sc_traffic(sc);
	sc_wait_us(sc, 200000);
	sc_deauth_forged(sc, true, REASON_CLASS3_NONASSOC);
	sc_alog_line(sc, false, sc->t + 200000, "wlan1: SME: Unprotected disconnect dropped - "
		     "possible AP/STA state mismatch - trigger SA Query");
	sc_wait_us(sc, 1000);
	sc_alog_line(sc, false, sc->t - 700000, "wlan1: SME: Association SA Query attempt 1");
	fw_rng_fill(&sc->rng, tid, sizeof(tid));
	sc_sa_query(sc, false, false, tid);
	sc_wait_us(sc, 800);
	sc_sa_query(sc, true, true, tid);
	sc_traffic(sc);
	sc_complete(sc, 1);
}

const struct sc_entry sc_table[] = {
	{ { "clean", "a complete handshake and protected traffic both ways: no finding" }, clean },
	{ { "m4-lost", "4/4 is not acknowledged; the AP retransmits 3/4 with a new replay counter" },
	  m4_lost },
	{ { "m4-ignored", "4/4 is acknowledged, yet the AP retransmits 3/4: it did not accept it" },
	  m4_ignored },
	{ { "early-key-install", "4/4 is lost and the station answers the 3/4 retries protected with "
	  "the new TK" }, early_key_install },
	{ { "m3-retry-after-install", "the station uses the new key; the AP keeps retrying 3/4 in "
	  "plaintext, unanswered" }, m3_retry_after_install },
	{ { "key-reinstall", "a 3/4 retry makes the station reinstall the PTK: its CCMP/GCMP PN "
	  "restarts" }, key_reinstall },
	{ { "stale-anonce", "2/4 with the awaited replay counter but the ANonce of an earlier 1/4 (the "
	  "AP restarted meanwhile)" }, stale_anonce },
	{ { "trailing-bytes", "bytes follow the EAPOL frame of 2/4; the MIC covers only the declared "
	  "length" }, trailing_bytes },
	{ { "wrong-key", "the station holds another PMK: no 2/4 verifies, the AP gives up" }, wrong_key },
	{ { "nonce-reuse", "the AP reuses its ANonce in the handshake of a reconnection" }, nonce_reuse },
	{ { "rsne-mismatch", "the RSNE in 3/4 differs from the beacon's; the station aborts (reason 17)" },
	  rsne_mismatch },
	{ { "pmkid-mismatch", "the PMKID in 1/4 names no known PMK while every MIC verifies" },
	  pmkid_mismatch },
	{ { "reordered", "2/4 is captured before the 1/4 it answers (timestamps disagree with order)" },
	  reordered },
	{ { "slow-response", "the station answers 1/4 after 1.6 s, after the AP retransmitted it" },
	  slow_response },
	{ { "group-rekey", "a complete 4-way handshake, then a group-key rekey (protected 1/2, 2/2)" },
	  group_rekey },
	{ { "timeout", "the station never answers 3/4; the AP deauthenticates (reason 15)" }, timeout },
	{ { "replay-counter", "the AP's 3/4 carries the replay counter of 1/4 (not increased)" },
	  replay_counter },
	{ { "altered", "a byte of 2/4 flipped after its MIC was computed; the retry verifies" }, altered },
	{ { "m3-lost", "3/4 and its MAC retransmission get no ACK; the EAPOL retry gets through" },
	  m3_lost },
	{ { "group-failed", "the station never answers group 1/2; the AP deauthenticates (reason 16)" },
	  group_failed },
	{ { "m1-unanswered", "the station never answers 1/4 nor its retry; the AP deauthenticates" },
	  m1_unanswered },
	{ { "anonce-changed", "the AP answers 2/4 with a fresh 1/4 and a new ANonce (restarted)" },
	  anonce_changed },
	{ { "capture-lossy", "the sniffer misses 2/4; the AP's ACK of it and 3/4 are captured" },
	  capture_lossy },
	{ { "late-m2", "2/4 answers the first 1/4 after the AP started over with a new ANonce" },
	  late_m2 },
	{ { "reassoc-stale-ptk", "after a re-association the station's 2/4s go out encrypted with "
	  "the previous PTK, which the AP dropped" }, reassoc_stale_ptk },
	{ { "dup-assoc-stale-ptk", "a duplicated association request restarts the AP before 4/4; "
	  "the station's 2/4s go out encrypted with the PTK it installed" }, dup_assoc_stale_ptk },
	{ { "pmf-spoofed-deauth", "PMF: the station ignores an unprotected deauth in the AP's name; "
	  "the AP answers its SA Query: no finding" }, pmf_spoofed_deauth },
	{ { "pmf-deauth-ignored", "PMF, 4/4 lost: the station ignores the AP's unprotected deauths, "
	  "its SA Queries go unanswered, it deauthenticates and reconnects" }, pmf_deauth_ignored },
	{ { "split-ap-stale-anonce", "an AP split in two processes: the relayed association comes "
	  "late, the state machine restarts and checks the first 2/4 with the new ANonce (with "
	  "--logs: both processes' logs and the station's)" }, sc_split_ap_stale_anonce },
};
const size_t sc_table_len = sizeof(sc_table) / sizeof(sc_table[0]);

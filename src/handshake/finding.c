/*
 * finding.c - the table of finding codes (DESIGN.md, "Findings").
 *
 * Rows are in enum fw_code order so that fw_code_table[code] is the row of
 * code; tests check that invariant.  Titles are one line; explanations say
 * what the evidence means on the air and where an engineer should look next.
 * The man page's FINDINGS section repeats every name (a test checks it).
 */
#include <string.h>

#include "handshake/finding.h"

const struct fw_code_info fw_code_table[FW_F_COUNT] = {
	[FW_F_MIC_BAD] = {
		FW_F_MIC_BAD, "MIC_BAD", FW_SEV_ERROR,
		"an EAPOL-Key MIC does not verify with any known key",
		"The receiver of this message would drop it.  The diagnosis names the cause: "
		"'wrong key' when no message of the link verifies with any key given (the two "
		"sides hold different PMKs: check the passphrase, the SSID it is hashed with, or "
		"the PMK handed over by the AAA server); 'stale anonce' when msg 2/4 verifies only "
		"with the ANonce of an earlier msg 1/4 (the authenticator moved on to a new ANonce "
		"before the answer was checked: events reordered or duplicated between the parts "
		"of the AP); 'trailing bytes' when the MIC verifies over the declared EAPOL length "
		"but not over the whole frame (padding or bytes appended on the way); 'altered' "
		"when nothing explains it (the bytes changed after the MIC was computed).",
		1,
	},
	[FW_F_NO_KEY] = {
		FW_F_NO_KEY, "NO_KEY", FW_SEV_INFO,
		"a handshake could not be verified: no usable key for this network",
		"No key given applies to this link, so MICs were not checked and no finding that "
		"depends on them can be drawn.  Give the PMK (--pmk), the passphrase with the "
		"SSID it belongs to (--passphrase, --ssid), or a hostapd/wpa_supplicant -dd -K "
		"log (--keylog).  A passphrase needs the SSID: when the capture holds no beacon, "
		"probe response or association request naming it, pass --ssid.",
		1,
	},
	[FW_F_M4_LOST] = {
		FW_F_M4_LOST, "M4_LOST", FW_SEV_ERROR,
		"msg 4/4 was not acknowledged and the AP retransmitted msg 3/4",
		"The station sent msg 4/4 but no 802.11 ACK for it was seen, and the AP went on "
		"retransmitting msg 3/4: the AP never received the 4/4.  Look at the radio "
		"conditions and the station's TX status for that frame; if the station installed "
		"its keys right after sending 4/4, see also EARLY_KEY_INSTALL.",
		1,
	},
	[FW_F_M4_IGNORED] = {
		FW_F_M4_IGNORED, "M4_IGNORED", FW_SEV_ERROR,
		"msg 4/4 was acknowledged but the AP still retransmitted msg 3/4 or gave up",
		"The AP's radio acknowledged msg 4/4, so it reached the AP, yet the authenticator "
		"sent msg 3/4 again, or ended the handshake uncompleted: the 4/4 was received "
		"but not accepted.  Check the "
		"authenticator's log for why (MIC, replay counter, a 4/4 that arrived encrypted "
		"with a key not yet installed, or a frame lost between driver and hostapd).",
		1,
	},
	[FW_F_EARLY_KEY_INSTALL] = {
		FW_F_EARLY_KEY_INSTALL, "EARLY_KEY_INSTALL", FW_SEV_ERROR,
		"the station used the new key before the AP could have installed it",
		"The station transmitted frames protected with the new temporal key (a protected "
		"msg 4/4, or data) before any msg 4/4 of this handshake was acknowledged.  The AP "
		"installs the key only after it accepts 4/4, so it cannot decrypt these frames.  "
		"Either the 4/4 itself left the radio encrypted because the supplicant installed "
		"the PTK as soon as the send call returned, or the plaintext 4/4 was lost and the "
		"station answers the AP's 3/4 retries with protected frames.  Install the key "
		"only after the TX status of 4/4 reports it sent.",
		1,
	},
	[FW_F_M3_RETRY_AFTER_INSTALL] = {
		FW_F_M3_RETRY_AFTER_INSTALL, "M3_RETRY_AFTER_INSTALL", FW_SEV_ERROR,
		"the AP retransmitted msg 3/4 in plaintext after the station switched to the new key",
		"After the station started using the new key, the AP sent msg 3/4 again unprotected.  "
		"The station either ignored it or answered only inside protected frames the AP "
		"cannot read yet, so the handshake cannot finish and usually ends in a "
		"4-way handshake timeout.  The station should still accept and answer a plaintext "
		"3/4 retry of the same handshake.",
		1,
	},
	[FW_F_M3_LOST] = {
		FW_F_M3_LOST, "M3_LOST", FW_SEV_WARNING,
		"msg 3/4 was not acknowledged and was retransmitted",
		"The AP sent msg 3/4, no 802.11 ACK from the station was seen, and the AP sent it "
		"again.  One retransmission is often harmless; repeated ones point at the radio "
		"link or at a station that is not listening (power save, channel switch).",
		1,
	},
	[FW_F_M1_UNANSWERED] = {
		FW_F_M1_UNANSWERED, "M1_UNANSWERED", FW_SEV_WARNING,
		"msg 1/4 got no msg 2/4",
		"The AP sent msg 1/4 (possibly several times) and the station never answered with "
		"msg 2/4.  The station may lack the key for this network (no PSK or no PMK after "
		"802.1X), may have rejected the message (replay counter, descriptor version), or "
		"may not have received it.",
		1,
	},
	[FW_F_GROUP_FAILED] = {
		FW_F_GROUP_FAILED, "GROUP_FAILED", FW_SEV_ERROR,
		"a group-key handshake did not complete",
		"The AP sent a group-key msg 1/2 and no msg 2/2 followed, or the station was "
		"deauthenticated with reason 16 (group key handshake timeout).  The station keeps "
		"the old group key and will miss broadcast and multicast traffic after the "
		"rekey.",
		1,
	},
	[FW_F_KEY_REINSTALL] = {
		FW_F_KEY_REINSTALL, "KEY_REINSTALL", FW_SEV_ERROR,
		"the station's packet number restarted after a msg 3/4 retransmission",
		"After msg 3/4 was retransmitted, the station's CCMP/GCMP packet numbers went back "
		"to a low value: it installed the same PTK again and reset its transmit counter, "
		"reusing nonces under one key.  This is the key reinstallation weakness; the "
		"supplicant must not reinstall a key it already installed.",
		1,
	},
	[FW_F_REPLAY_COUNTER] = {
		FW_F_REPLAY_COUNTER, "REPLAY_COUNTER", FW_SEV_WARNING,
		"a replay counter does not match its request or did not increase",
		"An answer (msg 2/4, 4/4 or group 2/2) must carry the replay counter of the "
		"request it answers, and each new request from the AP must carry a larger counter "
		"than the previous one.  A mismatch makes the receiver drop the message; look for "
		"an answer to a stale request or a counter that is reset or not incremented.",
		1,
	},
	[FW_F_ANONCE_CHANGED] = {
		FW_F_ANONCE_CHANGED, "ANONCE_CHANGED", FW_SEV_WARNING,
		"the ANonce changed within a handshake",
		"The ANonce in msg 3/4 differs from the one the station answered in msg 2/4, or the "
		"AP sent a new msg 1/4 with a new ANonce before the handshake finished.  The two "
		"sides then derive different PTKs.  A restarted state machine or requests handled "
		"out of order in the authenticator are the usual causes.",
		1,
	},
	[FW_F_REORDERED] = {
		FW_F_REORDERED, "REORDERED", FW_SEV_WARNING,
		"frames are out of order",
		"The capture order and the timestamps disagree, or an answer appears before the "
		"request it answers.  Either the capture was assembled from several sources with "
		"skewed clocks, or the exchange itself was reordered; findings that depend on "
		"order are less certain.",
		1,
	},
	[FW_F_NONCE_REUSE] = {
		FW_F_NONCE_REUSE, "NONCE_REUSE", FW_SEV_ERROR,
		"an ANonce or SNonce was used in two handshakes",
		"A nonce must be fresh for every handshake.  The same ANonce or SNonce appeared "
		"in two different handshakes, which with the same PMK gives the same PTK twice.  "
		"Check the random number source and the state machine of the side that sent it.",
		1,
	},
	[FW_F_RSNE_MISMATCH] = {
		FW_F_RSNE_MISMATCH, "RSNE_MISMATCH", FW_SEV_ERROR,
		"the RSN element in the handshake differs from the one advertised or requested",
		"The RSNE (or RSNXE) carried in msg 3/4 must equal the AP's beacon or probe "
		"response, and the one in msg 2/4 must equal the station's association request.  "
		"A difference makes the peer abort (deauthentication reason 17) because it may be "
		"a downgrade attack.  Compare the two elements shown: a configuration change "
		"between beacon and handshake, or a driver that rewrites the element, are common "
		"causes.",
		1,
	},
	[FW_F_PMKID_MISMATCH] = {
		FW_F_PMKID_MISMATCH, "PMKID_MISMATCH", FW_SEV_INFO,
		"the PMKID in msg 1/4 does not match any known PMK",
		"The PMKID KDE in msg 1/4 should equal HMAC-Hash(PMK, \"PMK Name\" | AA | SPA) "
		"truncated to 16 bytes.  Many APs fill it in other ways, so when the link's MICs "
		"verify this is only informational; it is raised to a warning when no MIC of the "
		"link verifies, because then the PMK may really be wrong.  Not checked for SAE "
		"and OWE, whose PMKID comes from the key exchange.",
		1,
	},
	[FW_F_TIMEOUT] = {
		FW_F_TIMEOUT, "TIMEOUT", FW_SEV_ERROR,
		"the handshake ended in deauthentication or disassociation, or ran out of retries",
		"The handshake was ended by a deauthentication or disassociation (the reason code "
		"is decoded; 15 is '4-way handshake timeout'), or the link stayed in the capture "
		"well past the AP's retry budget without completing.  The finding names the last "
		"messages seen: the missing answer after them is where to look.  A capture that "
		"simply stops mid-handshake is reported as outcome 'incomplete' instead.",
		1,
	},
	[FW_F_SLOW_RESPONSE] = {
		FW_F_SLOW_RESPONSE, "SLOW_RESPONSE", FW_SEV_INFO,
		"a side was slow to answer a handshake message",
		"The time between a request and its answer exceeded the threshold.  It becomes a "
		"warning when the delay made the other side retransmit.  Slow PBKDF2 or AAA "
		"lookups, a busy CPU or a station in power save are typical causes.",
		1,
	},
	[FW_F_CAPTURE_LOSSY] = {
		FW_F_CAPTURE_LOSSY, "CAPTURE_LOSSY", FW_SEV_INFO,
		"the capture evidently missed frames of this link",
		"Sequence-number gaps or ACKs without the frame they acknowledge show that the "
		"sniffer did not see everything on this link.  Findings based on the absence of "
		"a frame (lost messages, missing ACKs) are less certain; capture closer to the "
		"devices or on the right channel width.",
		1,
	},
	[FW_F_LATE_ANSWER] = {
		FW_F_LATE_ANSWER, "LATE_ANSWER", FW_SEV_INFO,
		"an answer came after the AP had moved on from the request it answers",
		"The message echoes the replay counter of a request the authenticator had already "
		"superseded (a later transmission with a higher replay counter, or a new ANonce) "
		"before the answer was on the air: the station was slow, the answer was held up on "
		"the way, or a sniffer saw it late.  An authenticator checks the replay counter "
		"before the MIC (IEEE 802.11 12.7.6) and drops such an answer unread, so it is not a "
		"bad MIC, not nonce reuse and not a retransmission of the answer to the newer "
		"request.  A warning when it was the only such answer its handshake got and the "
		"handshake failed: look at why the station answers late (key derivation time, "
		"power save, a busy channel).",
		1,
	},
	[FW_F_STALE_PTK] = {
		FW_F_STALE_PTK, "STALE_PTK", FW_SEV_ERROR,
		"frames were encrypted with a PTK their receiver dropped at a (re)association",
		"A (re)association makes the AP delete the station's keys, and the 4-way handshake "
		"that follows runs in the clear.  Here a side kept sending EAPOL or data frames "
		"encrypted with the PTK of before the (re)association (they decrypt with it), "
		"which its receiver no longer holds: the receiver drops them unread, and the "
		"handshake can only time out.  Seen after a re-association in the middle of a "
		"handshake, or a duplicated association request that made the AP restart, when "
		"the station's driver did not clear its keys.",
		1,
	},
	[FW_F_PMF_MISMATCH] = {
		FW_F_PMF_MISMATCH, "PMF_MISMATCH", FW_SEV_ERROR,
		"with PMF the two sides disagree on whether the station is connected",
		"With management frame protection in use, a station holding a PTK discards "
		"deauthentication and disassociation frames that arrive in the clear.  When the "
		"AP has no key for the station (a lost 4/4, a restart) its only way to end the "
		"association is such a frame: the station ignores it and keeps transmitting "
		"protected frames the AP cannot read, runs an SA Query that gets no answer, and "
		"finally deauthenticates by itself, seconds later.  The evidence lists the "
		"ignored frame, the station's protected frames after it, the unanswered SA Query "
		"and the station's own deauthentication.",
		1,
	},
	[FW_F_KEY_WRONG] = {
		FW_F_KEY_WRONG, "KEY_WRONG", FW_SEV_ERROR,
		"the key given to fourway is not the one the AP and the station share",
		"No MIC of the handshake verifies with any key given, yet the two sides evidently "
		"hold the same PMK: the AP answered msg 2/4 with msg 3/4 (it sends 3/4 only after "
		"2/4's MIC verified), or the station sent msg 4/4 (only after 3/4's MIC verified).  "
		"The handshake is not at fault and its outcome is what the protocol shows; the "
		"passphrase, the SSID it is hashed with, or the PMK given to fourway is wrong.  "
		"The messages' MIC verdict is 'key_wrong', not 'bad'.",
		1,
	},
	[FW_F_M2_REJECTED] = {
		FW_F_M2_REJECTED, "M2_REJECTED", FW_SEV_ERROR,
		"the AP rejected a msg 2/4 that verifies with the key given",
		"Msg 2/4 answers the AP's latest msg 1/4 and its MIC verifies with the key given, "
		"but the AP sent msg 1/4 again or deauthenticated the station instead of sending "
		"msg 3/4: it could not verify the 2/4.  The key given is then the station's: the "
		"AP most likely holds another PMK (another passphrase, or the wrong PMK from its "
		"AAA server); a new ANonce before the answer was checked, or an RSNE in 2/4 that "
		"differs from the association request's, are named when the capture shows them.",
		1,
	},
	[FW_F_EVENTS_REORDERED] = {
		FW_F_EVENTS_REORDERED, "EVENTS_REORDERED", FW_SEV_WARNING,
		"a daemon handled events in another order than the air shows them",
		"A daemon's log (--log) shows it handled a frame after a later one: a msg 2/4 "
		"handled after the AP had already sent a newer msg 1/4 or 3/4 that the air shows "
		"after that 2/4, or an association handled after an EAPOL-Key message that the "
		"air shows after the association.  The frame was held or queued between the "
		"radio and the daemon, or relayed out of order between the processes of a split "
		"AP; the daemon then acted on a state the air had left (a stale ANonce: the "
		"AP's \"invalid MIC in msg 2/4\" is explained by which ANonce it used and which "
		"one the 2/4 answers).",
		1,
	},
	[FW_F_LOG_AIR_MISMATCH] = {
		FW_F_LOG_AIR_MISMATCH, "LOG_AIR_MISMATCH", FW_SEV_WARNING,
		"a daemon's log and the air disagree about a frame",
		"A daemon's log (--log) says it sent an EAPOL-Key message that is not in the "
		"capture, or the capture shows a message to a daemon, acknowledged by its radio, "
		"that the daemon never logged receiving.  The TX status and the ACK tell where it "
		"was lost: sent and acknowledged yet not captured, the sniffer missed it; "
		"not acknowledged, it was lost on the air or never left the radio; "
		"acknowledged by the radio yet never handled, it was lost between the radio and "
		"the daemon (a driver or relay that dropped it).",
		1,
	},
};

const char *const fw_role_table[FW_ROLE_COUNT] = {
	[FW_ROLE_EVIDENCE] = "evidence",
	[FW_ROLE_REQUEST] = "request",
	[FW_ROLE_ANSWER] = "answer",
	[FW_ROLE_RETRY] = "retry",
	[FW_ROLE_LOST] = "lost",
	[FW_ROLE_ACK] = "ack",
	[FW_ROLE_IGNORED] = "ignored",
	[FW_ROLE_PROTECTED] = "protected",
	[FW_ROLE_DEAUTH] = "deauth",
	[FW_ROLE_LAST] = "last",
	[FW_ROLE_LATE] = "late",
};

const char *fw_role_name(enum fw_role role)
{
	if ((int)role < 0 || role >= FW_ROLE_COUNT || !fw_role_table[role])
		return fw_role_table[FW_ROLE_EVIDENCE];
	return fw_role_table[role];
}

const struct fw_code_info *fw_code_info(enum fw_code code)
{
	if ((int)code < 0 || code >= FW_F_COUNT)
		return NULL;
	return &fw_code_table[code];
}

int fw_code_by_name(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < FW_F_COUNT; i++)
		if (strcmp(fw_code_table[i].name, name) == 0)
			return i;
	return -1;
}

const char *fw_severity_name(enum fw_severity sev)
{
	switch (sev) {
	case FW_SEV_INFO:
		return "info";
	case FW_SEV_WARNING:
		return "warning";
	case FW_SEV_ERROR:
		return "error";
	}
	return "unknown";
}

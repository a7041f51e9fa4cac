/*
 * keydata.h - Key Data of stored messages (private to the handshake stage).
 */
#ifndef FW_HANDSHAKE_KEYDATA_H
#define FW_HANDSHAKE_KEYDATA_H

#include "crypto/ptk.h"
#include "decode/eapol.h"
#include "handshake/internal.h"

/* Split the tail, finding the MIC length whose Key Data Length fills the frame. */
int hs_split_any(const struct fw_eapol_key *k, size_t prefer, struct fw_eapol_key_tail *t);
/* Parse a stored message's EAPOL copy again. */
int hs_reparse(const struct hs_msg_priv *p, struct fw_eapol *e, struct fw_eapol_key *k);
/* Collect PMKID, RSNE/WPA IE, GTK/IGTK/BIGTK and MLO marks from plain Key Data. */
void hs_keydata_scan(const uint8_t *kd, size_t len, struct fw_msg *m, struct hs_msg_priv *p);
/* Decrypt M3/G1 Key Data with the PTK's KEK and scan it. */
int hs_keydata_decrypt(struct fw_msg *m, struct hs_msg_priv *p, const struct fw_ptk *ptk);

#endif

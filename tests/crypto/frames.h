/* Hex bytes of public corpus captures used by the crypto tests (frames.c). */
#ifndef FW_TESTS_CRYPTO_FRAMES_H
#define FW_TESTS_CRYPTO_FRAMES_H
extern const char fr_linksys_m1[];
extern const char fr_linksys_m2[];
extern const char fr_linksys_m3[];
extern const char fr_mfp_m1[];
extern const char fr_mfp_m2[];
extern const char fr_ccmp256_m1[];
extern const char fr_ccmp256_m2[];
extern const char fr_gcmp_m1[];
extern const char fr_gcmp_m2[];
extern const char fr_mgmt_m1[];
extern const char fr_mgmt_m2[];
extern const char fr_gcmp_data39[];
extern const char fr_ccmp256_data55[];
extern const char fr_mfp_data15[];
extern const char fr_mfp_data16[];
extern const char fr_mgmt_action9[];
extern const char fr_mgmt_deauth11[];
extern const char fr_linksys_tkip25[];
#endif

/**
 * Which replay suite serves which recorded file (paths under `specs/recorded/`). Each suite checks
 * that its server served every file listed for it; coverage.test.ts checks that the lists together
 * are exactly the recorded files, so a new recording fails until a suite replays it.
 */
export const REPLAYED = {
  withingsMeasures: [
    'withings/getmeas_2.json', 'withings/getmeas_3.json', 'withings/getmeas_4.json', 'withings/getmeas_body_temp_1.json',
    'withings/getmeas_bone_mass_1.json', 'withings/getmeas_diastolic_bp_1.json', 'withings/getmeas_empty_1.json',
    'withings/getmeas_fat_free_mass_1.json', 'withings/getmeas_fat_mass_1.json', 'withings/getmeas_fat_ratio_1.json',
    'withings/getmeas_muscle_mass_1.json', 'withings/getmeas_pwv_1.json', 'withings/getmeas_systolic_bp_1.json',
    'withings/getmeas_weight_1.json', 'withings/fragments/getmeas_measuregrps_fragment_1.json',
    'withings/fragments/getmeas_measuregrps_fragment_bodyscan_1.json', 'withings/fragments/getmeas_measuregrps_fragment_positions_1.json',
  ],
  withingsServices: [
    'withings/getactivity_1.json', 'withings/getactivity_2.json', 'withings/getworkouts_1.json', 'withings/sleep_getsummary_1.json',
    'withings/sleep_getsummary_legacy_1.json', 'withings/user_getdevice_1.json', 'withings/user_getdevice_2.json',
    'withings/user_getgoals_1.json', 'withings/user_getgoals_empty_1.json', 'withings/notify_list_1.json', 'withings/notify_subscribe_1.json',
    'withings/oauth2_requesttoken_1.json', 'withings/oauth2_token_legacy_1.json', 'withings/oauth2_token_legacy_error_1.json',
    'withings/unresolved_provenance/error_503_invalid_code_1.json', 'withings/error_401_invalid_token_1.json', 'withings/error_601_too_many_requests_1.json',
  ],
  withingsSleepSeries: ['withings/sleep_get_1.json', 'withings/sleep_get_2.json'],
  withingsEcg: ['withings/heart_list_1.json', 'withings/heart_get_ecg_signal_1.json'],
  oura: [
    'oura/daily_activity_page_1.json', 'oura/daily_readiness_page_1.json', 'oura/daily_sleep_page_1.json', 'oura/daily_sleep_single_1.json',
    'oura/daily_spo2_page_1.json', 'oura/daily_stress_page_1.json', 'oura/enhanced_tag_page_1.json', 'oura/enhanced_tag_page_2.json',
    'oura/enhanced_tag_single_nulls_1.json', 'oura/heartrate_page_1.json', 'oura/personal_info_1.json', 'oura/rest_mode_period_page_1.json',
    'oura/ring_configuration_page_1.json', 'oura/session_page_1.json', 'oura/sleep_page_1.json', 'oura/sleep_single_1.json',
    'oura/sleep_time_page_1.json', 'oura/workout_page_1.json', 'oura/workout_single_1.json',
  ],
  whoop: [
    'whoop/cycle_page_1.json', 'whoop/recovery_for_cycle_1.json', 'whoop/sleep_by_id_1.json', 'whoop/user_profile_basic_1.json',
    'whoop/unresolved_provenance/user_measurement_body_1.json', 'whoop/unresolved_provenance/workout_record_1.json',
  ],
  /** Delivered to the webhook receiver rather than served (whoop-webhook-v1.test.ts). */
  whoopDelivered: ['whoop/unresolved_provenance/webhook_sleep_updated_v1_1.json'],
} as const;

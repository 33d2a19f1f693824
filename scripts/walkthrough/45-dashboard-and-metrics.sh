# README "Dashboard and metrics": the page answers without a token; /metrics speaks Prometheus.
expect_match 'the dashboard, signed out' "$(curl -f localhost:8080/)" 'Sign in'
metrics=$(curl -s 127.0.0.1:8080/metrics | grep -E '^rollout_(info|phase)|current_step|set_weight')
expect_match 'rollout gauges' "$metrics" '^rollout_info\{'
expect_match 'the step gauge' "$metrics" 'rollout_info_current_step_index\{'

# --listen [ADDR:]PORT: loopback unless an address is given, IPv4 or
# [IPv6]; the port is 1..65535.
RUNS_AS_ANY_USER=1 . "$TLIB"
parsed --listen 9477 prog; expect_field listen "127.0.0.1 port 9477"
parsed --listen 0.0.0.0:1 prog; expect_field listen "0.0.0.0 port 1"
parsed --listen '[::1]:65535' prog; expect_field listen "::1 port 65535"
parsed --listen '[fe80::1]:80' prog; expect_field listen "fe80::1 port 80"
expect_usage_error "syso-kagg: invalid value '0' for --listen port (expected 1..65535)" --listen 0 prog
expect_usage_error "syso-kagg: invalid value '65536' for --listen port (expected 1..65535)" --listen 127.0.0.1:65536 prog
expect_usage_error "syso-kagg: --listen: 'localhost' is not an IPv4 or [IPv6] address" --listen localhost:80 prog
expect_usage_error "syso-kagg: --listen takes [ADDR:]PORT, not ':80'" --listen :80 prog

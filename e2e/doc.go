// Package e2e holds the browser tests: they start the real server the way
// `motcua serve` does (internal/server's Main: the same routes, wraps and
// background work) on a demo database and drive a headless Chromium
// through it with chromedp, as an officer would.
//
// The tests skip when no Chromium is installed, unless
// MOTCUA_REQUIRE_BROWSER=1 (as in .ci/run), where a missing browser fails.
// On Debian: apt-get update && apt-get install -y chromium
package e2e

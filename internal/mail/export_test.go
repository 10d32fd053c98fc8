package mail

import "crypto/x509"

// TrustRoots lets tests trust mailtest's self-signed certificate without
// widening the public Config.
func TrustRoots(c Config, pool *x509.CertPool) Config {
	c.rootCAs = pool
	return c
}

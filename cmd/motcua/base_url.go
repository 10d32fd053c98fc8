package main

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
)

// needBaseURL checks --base-url against --addr. Public links (receipts'
// QR codes, links sent to citizens) are built from --base-url only, never
// from a request's Host header, which anyone can forge. On loopback (a
// machine behind its reverse proxy, or a trial) the listen address may
// stand in; listening beyond it without a public address is refused.
func needBaseURL(base, addr string) error {
	if base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("--base-url %q: cần địa chỉ dạng https://tên-miền (want an address like https://host)", base)
		}
		return nil
	}
	if loopback(addr) {
		return nil
	}
	return fmt.Errorf("--base-url là bắt buộc khi máy chủ lắng nghe ngoài loopback (--addr %s): mã QR và liên kết gửi người dân chỉ được tạo từ địa chỉ công khai đã cấu hình.\n"+
		"--base-url is required when listening beyond loopback (--addr %s): QR codes and links sent to citizens are built only from the configured public address", addr, addr)
}

// loopback reports whether addr (host:port) listens on this machine only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

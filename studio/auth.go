package studio

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// Auth guards the studio when it is reachable from other machines: a
// bearer token, or a user and password (HTTP basic auth, which browsers
// ask for), from the environment.
type Auth struct {
	Token          string
	User, Password string
}

// Set reports whether a credential is configured.
func (a Auth) Set() bool { return a.Token != "" || (a.User != "" && a.Password != "") }

// Wrap lets through only the requests that carry the token or the user
// and password. With nothing set, it lets nothing through.
func (a Auth) Wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.allowed(r) {
			h.ServeHTTP(w, r)
			return
		}
		if a.User != "" && a.Password != "" {
			w.Header().Set("WWW-Authenticate", `Basic realm="carebot studio", charset="UTF-8"`)
		} else {
			w.Header().Set("WWW-Authenticate", `Bearer realm="carebot studio"`)
		}
		http.Error(w, "the flow studio needs your team's credentials", http.StatusUnauthorized)
	})
}

func (a Auth) allowed(r *http.Request) bool {
	if a.Token != "" {
		if t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && same(t, a.Token) {
			return true
		}
	}
	if a.User != "" && a.Password != "" {
		if u, p, ok := r.BasicAuth(); ok && same(u, a.User) && same(p, a.Password) {
			return true
		}
	}
	return false
}

// same compares secrets in constant time (hashing first hides their length).
func same(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

package main

import (
	"encoding/json"
	"io"
	"net/http"
)

// RegisterHTTP serves /api/myplugin/hello and /api/myplugin/echo, which answers with what it
// received: method, path, query, headers and body.
func (p *MyPlugin) RegisterHTTP(mux *http.ServeMux) error {
	mux.HandleFunc("/api/myplugin/hello", p.counted(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("Hello from MyPlugin!"))
	}))
	mux.HandleFunc("/api/myplugin/echo", p.counted(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Plugin", "myplugin")
		json.NewEncoder(w).Encode(map[string]interface{}{
			"method":  r.Method,
			"path":    r.URL.Path,
			"query":   r.URL.Query(),
			"headers": r.Header,
			"body":    string(body),
		})
	}))
	return nil
}

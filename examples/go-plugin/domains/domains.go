// Package domains is the plugin interface of QNTX's external plugin guide (the guide's
// github.com/teranos/QNTX/domains), with what an external plugin needs of it: a Go author's
// plugin written against the guide compiles against this package unchanged, apart from the
// import path and a standard-library logger in place of zap.
package domains

import (
	"context"
	"log"
	"net/http"

	"github.com/spf13/cobra"
)

// Metadata describes a plugin; QNTXVersion is a semver range on the host's version.
type Metadata struct {
	Name        string
	Version     string
	QNTXVersion string
	Description string
	Author      string
	License     string
}

// HealthStatus is a plugin's answer to a health check; Details travel as text.
type HealthStatus struct {
	Healthy bool
	Message string
	Details map[string]interface{}
}

// Config is a plugin's configuration (the host's am.<plugin>.toml), as the host sent it.
type Config interface {
	GetString(key string) string
}

// ServiceRegistry is what the host offers a plugin at Initialize.
type ServiceRegistry interface {
	Config(domain string) Config
	Logger(domain string) *log.Logger
}

// WebSocketHandler serves one WebSocket endpoint of a plugin.
type WebSocketHandler interface {
	ServeWS(w http.ResponseWriter, r *http.Request)
}

// DomainPlugin is the one plugin interface, built-in or external.
type DomainPlugin interface {
	Metadata() Metadata
	Initialize(ctx context.Context, services ServiceRegistry) error
	Shutdown(ctx context.Context) error
	Commands() []*cobra.Command
	RegisterHTTP(mux *http.ServeMux) error
	RegisterWebSocket() (map[string]WebSocketHandler, error)
	Health(ctx context.Context) HealthStatus
}

package main

import (
	"context"
	"net/http"
	"sync/atomic"

	"qntxexample/domains"
)

// MyPlugin is the guide's plugin: metadata, a cobra tree, HTTP handlers and a health check.
type MyPlugin struct {
	services domains.ServiceRegistry
	greeting string
	requests int64
}

func NewMyPlugin() *MyPlugin {
	return &MyPlugin{greeting: "Hello"}
}

func (p *MyPlugin) Metadata() domains.Metadata {
	return domains.Metadata{
		Name:        "myplugin",
		Version:     "1.0.0",
		QNTXVersion: ">= 0.1.0, < 2.0.0",
		Description: "My custom QNTX plugin",
		Author:      "Your Name",
		License:     "MIT",
	}
}

// Initialize takes the greeting from the plugin's configuration (am.myplugin.toml).
func (p *MyPlugin) Initialize(ctx context.Context, services domains.ServiceRegistry) error {
	p.services = services
	if greeting := services.Config("myplugin").GetString("greeting"); greeting != "" {
		p.greeting = greeting
	}
	services.Logger("myplugin").Printf("MyPlugin initialized (greeting %q)", p.greeting)
	return nil
}

func (p *MyPlugin) Shutdown(ctx context.Context) error {
	return nil
}

func (p *MyPlugin) RegisterWebSocket() (map[string]domains.WebSocketHandler, error) {
	return nil, nil
}

func (p *MyPlugin) Health(ctx context.Context) domains.HealthStatus {
	return domains.HealthStatus{
		Healthy: true,
		Message: "MyPlugin is healthy",
		Details: map[string]interface{}{
			"greeting": p.greeting,
			"requests": atomic.LoadInt64(&p.requests),
		},
	}
}

// counted counts the HTTP requests the plugin served, for its health details.
func (p *MyPlugin) counted(handler http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		atomic.AddInt64(&p.requests, 1)
		handler(w, r)
	}
}

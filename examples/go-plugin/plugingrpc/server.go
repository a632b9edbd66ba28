// Package plugingrpc serves a domains.DomainPlugin over the reference protocol, with the
// semantics of QNTX's own PluginServer (its domains/grpc/server.go at a2a5593d): what a host
// meets when it runs a plugin built as QNTX's external plugin guide says. Where those semantics
// are surprising, the comment says so; they are kept on purpose, since a host must cope with them.
package plugingrpc

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"google.golang.org/grpc"

	"qntxexample/domains"
	"qntxexample/protocol"
)

// PluginServer exposes one DomainPlugin as protocol.DomainPluginService.
type PluginServer struct {
	protocol.UnimplementedDomainPluginServiceServer

	plugin   domains.DomainPlugin
	logger   *log.Logger
	httpMux  *http.ServeMux
	commands map[string]*cobra.Command
}

// NewPluginServer wraps a plugin; nothing is registered until the host calls Initialize.
func NewPluginServer(plugin domains.DomainPlugin, logger *log.Logger) *PluginServer {
	return &PluginServer{
		plugin:   plugin,
		logger:   logger,
		httpMux:  http.NewServeMux(),
		commands: make(map[string]*cobra.Command),
	}
}

// Serve listens on addr and serves until ctx is done.
func (s *PluginServer) Serve(ctx context.Context, addr string) error {
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("failed to listen on %s: %w", addr, err)
	}
	server := grpc.NewServer()
	protocol.RegisterDomainPluginServiceServer(server, s)
	s.logger.Printf("serving the plugin protocol on %s", listener.Addr())
	go func() {
		<-ctx.Done()
		server.GracefulStop()
	}()
	return server.Serve(listener)
}

func (s *PluginServer) Metadata(ctx context.Context, _ *protocol.Empty) (*protocol.MetadataResponse, error) {
	m := s.plugin.Metadata()
	return &protocol.MetadataResponse{
		Name:        m.Name,
		Version:     m.Version,
		QntxVersion: m.QNTXVersion,
		Description: m.Description,
		Author:      m.Author,
		License:     m.License,
	}, nil
}

// Initialize registers the plugin's HTTP handlers and commands. As in the reference, it does so
// on every call: a second Initialize on the same process registers the same patterns again, and
// http.ServeMux panics ("http: multiple registrations"), which ends the process.
func (s *PluginServer) Initialize(ctx context.Context, req *protocol.InitializeRequest) (*protocol.Empty, error) {
	services := &serviceRegistry{config: req.Config, logger: s.logger}
	if err := s.plugin.Initialize(ctx, services); err != nil {
		return nil, fmt.Errorf("plugin initialization failed: %w", err)
	}
	if err := s.plugin.RegisterHTTP(s.httpMux); err != nil {
		return nil, fmt.Errorf("HTTP registration failed: %w", err)
	}
	for _, cmd := range s.plugin.Commands() {
		s.registerCommand("", cmd)
	}
	return &protocol.Empty{}, nil
}

// registerCommand keys every command by its path of words, arguments stripped ("ix git").
func (s *PluginServer) registerCommand(prefix string, cmd *cobra.Command) {
	parts := strings.Fields(strings.TrimSpace(prefix + " " + cmd.Use))
	path := parts
	for i, part := range parts {
		if strings.HasPrefix(part, "<") || strings.HasPrefix(part, "[") {
			path = parts[:i]
			break
		}
	}
	key := strings.Join(path, " ")
	s.commands[key] = cmd
	for _, sub := range cmd.Commands() {
		s.registerCommand(key, sub)
	}
}

func (s *PluginServer) Shutdown(ctx context.Context, _ *protocol.Empty) (*protocol.Empty, error) {
	if err := s.plugin.Shutdown(ctx); err != nil {
		return nil, fmt.Errorf("plugin shutdown failed: %w", err)
	}
	return &protocol.Empty{}, nil
}

// Commands lists the top-level commands: each with its usage line, its children's usage lines
// (one level only) and its own flags only; a subcommand's flags are not described anywhere.
func (s *PluginServer) Commands(ctx context.Context, _ *protocol.Empty) (*protocol.CommandsResponse, error) {
	response := &protocol.CommandsResponse{}
	for _, cmd := range s.plugin.Commands() {
		def := &protocol.CommandDefinition{Name: cmd.Use, Description: cmd.Short}
		for _, sub := range cmd.Commands() {
			def.Subcommands = append(def.Subcommands, sub.Use)
		}
		cmd.Flags().VisitAll(func(flag *pflag.Flag) {
			def.Flags = append(def.Flags, &protocol.FlagDefinition{
				Name:         flag.Name,
				Short:        flag.Shorthand,
				Description:  flag.Usage,
				Type:         flag.Value.Type(),
				DefaultValue: flag.DefValue,
			})
		})
		response.Commands = append(response.Commands, def)
	}
	return response, nil
}

// ExecuteCommand finds the command by path, sets the given flags on it and executes it with
// args. cobra always executes from the root, and takes the root's arguments: so only the form
// command = "<top-level>", args = ["<sub>", ..., "--flag", "value"] reaches a subcommand; with
// command = "<top-level> <sub>" the root runs with the process's own arguments instead.
func (s *PluginServer) ExecuteCommand(ctx context.Context, req *protocol.ExecuteCommandRequest) (*protocol.ExecuteCommandResponse, error) {
	cmd, ok := s.commands[req.Command]
	if !ok {
		return &protocol.ExecuteCommandResponse{ExitCode: 1, Stderr: fmt.Sprintf("command not found: %s", req.Command)}, nil
	}
	var stdout, stderr bytes.Buffer
	cmd.SetOut(&stdout)
	cmd.SetErr(&stderr)
	for name, value := range req.Flags {
		if err := cmd.Flags().Set(name, value); err != nil {
			return &protocol.ExecuteCommandResponse{ExitCode: 1, Stderr: fmt.Sprintf("invalid flag %s: %v", name, err)}, nil
		}
	}
	cmd.SetArgs(req.Args)
	exitCode := int32(0)
	if err := cmd.ExecuteContext(ctx); err != nil {
		exitCode = 1
		stderr.WriteString(err.Error())
	}
	return &protocol.ExecuteCommandResponse{ExitCode: exitCode, Stdout: stdout.String(), Stderr: stderr.String()}, nil
}

// HandleHTTP runs the request through the plugin's http.ServeMux. Headers are a map both ways:
// a repeated request header arrives as one value, and of a repeated response header (two
// Set-Cookie) only the first value goes back.
func (s *PluginServer) HandleHTTP(ctx context.Context, req *protocol.HTTPRequest) (*protocol.HTTPResponse, error) {
	httpReq, err := http.NewRequestWithContext(ctx, req.Method, req.Path, bytes.NewReader(req.Body))
	if err != nil {
		return nil, fmt.Errorf("failed to create HTTP request: %w", err)
	}
	for key, value := range req.Headers {
		httpReq.Header.Set(key, value)
	}
	recorder := httptest.NewRecorder()
	s.httpMux.ServeHTTP(recorder, httpReq)
	result := recorder.Result()
	defer result.Body.Close()
	body, err := io.ReadAll(result.Body)
	if err != nil {
		return nil, fmt.Errorf("failed to read response body: %w", err)
	}
	headers := make(map[string]string)
	for key := range result.Header {
		headers[key] = result.Header.Get(key)
	}
	return &protocol.HTTPResponse{StatusCode: int32(result.StatusCode), Headers: headers, Body: body}, nil
}

// HandleWebSocket reads the stream to its end and routes nothing, as the reference does.
func (s *PluginServer) HandleWebSocket(stream protocol.DomainPluginService_HandleWebSocketServer) error {
	for {
		msg, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if msg.Type == protocol.WebSocketMessage_CLOSE {
			return nil
		}
	}
}

func (s *PluginServer) Health(ctx context.Context, _ *protocol.Empty) (*protocol.HealthResponse, error) {
	status := s.plugin.Health(ctx)
	details := make(map[string]string)
	for key, value := range status.Details {
		details[key] = fmt.Sprintf("%v", value)
	}
	return &protocol.HealthResponse{Healthy: status.Healthy, Message: status.Message, Details: details}, nil
}

// serviceRegistry is what Initialize hands the plugin: the config the host sent, and a logger.
type serviceRegistry struct {
	config map[string]string
	logger *log.Logger
}

func (r *serviceRegistry) Config(string) domains.Config { return mapConfig(r.config) }
func (r *serviceRegistry) Logger(string) *log.Logger    { return r.logger }

type mapConfig map[string]string

func (c mapConfig) GetString(key string) string { return c[key] }

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"google.golang.org/grpc"

	"qntxexample/protocol"
)

// ExternalDomainProxy is the host side of the reference protocol, with the semantics of QNTX's
// own (its domains/grpc/client.go at a2a5593d): a plugin reached at an address, its commands as
// cobra commands, its routes behind an http.ServeMux.
type ExternalDomainProxy struct {
	conn     *grpc.ClientConn
	client   protocol.DomainPluginServiceClient
	metadata *protocol.MetadataResponse
	commands []*protocol.CommandDefinition
}

// Connect dials the plugin (waiting up to 10 s) and reads its metadata.
func Connect(addr string) (*ExternalDomainProxy, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// grpc-go 1.33 has no credentials/insecure package (1.34): WithInsecure is its plaintext.
	conn, err := grpc.DialContext(ctx, addr, grpc.WithInsecure(), grpc.WithBlock())
	if err != nil {
		return nil, fmt.Errorf("failed to connect to plugin at %s: %w", addr, err)
	}
	client := protocol.NewDomainPluginServiceClient(conn)
	metadata, err := client.Metadata(ctx, &protocol.Empty{})
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("failed to get plugin metadata: %w", err)
	}
	return &ExternalDomainProxy{conn: conn, client: client, metadata: metadata}, nil
}

// Initialize sends the plugin its configuration, then caches its command definitions.
func (c *ExternalDomainProxy) Initialize(ctx context.Context, config map[string]string) error {
	if _, err := c.client.Initialize(ctx, &protocol.InitializeRequest{Config: config}); err != nil {
		return fmt.Errorf("failed to initialize remote plugin: %w", err)
	}
	response, err := c.client.Commands(ctx, &protocol.Empty{})
	if err != nil {
		return fmt.Errorf("failed to fetch plugin commands: %w", err)
	}
	c.commands = response.Commands
	return nil
}

func (c *ExternalDomainProxy) Health(ctx context.Context) (*protocol.HealthResponse, error) {
	return c.client.Health(ctx, &protocol.Empty{})
}

func (c *ExternalDomainProxy) Shutdown(ctx context.Context) error {
	_, err := c.client.Shutdown(ctx, &protocol.Empty{})
	return err
}

func (c *ExternalDomainProxy) Close() error {
	return c.conn.Close()
}

// Commands builds one cobra command per top-level definition. A subcommand is added only when
// a top-level definition carries its usage line as name, which a plugin's subcommands never do:
// so "plugin sub --x" reaches the plugin as command "plugin", args ["sub", ...].
func (c *ExternalDomainProxy) Commands() []*cobra.Command {
	var commands []*cobra.Command
	for _, def := range c.commands {
		commands = append(commands, c.buildCobraCommand(def))
	}
	return commands
}

func (c *ExternalDomainProxy) buildCobraCommand(def *protocol.CommandDefinition) *cobra.Command {
	cmd := &cobra.Command{
		Use:   def.Name,
		Short: def.Description,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.executeRemoteCommand(cmd, args)
		},
	}
	for _, flag := range def.Flags {
		switch flag.Type {
		case "bool":
			cmd.Flags().BoolP(flag.Name, flag.Short, flag.DefaultValue == "true", flag.Description)
		case "int":
			cmd.Flags().IntP(flag.Name, flag.Short, 0, flag.Description)
		default:
			cmd.Flags().StringP(flag.Name, flag.Short, flag.DefaultValue, flag.Description)
		}
	}
	for _, subName := range def.Subcommands {
		for _, subDef := range c.commands {
			if subDef.Name == subName {
				cmd.AddCommand(c.buildCobraCommand(subDef))
				break
			}
		}
	}
	return cmd
}

// exitError carries the plugin's exit code out of cobra.
type exitError struct{ code int32 }

func (e exitError) Error() string { return fmt.Sprintf("command exited with code %d", e.code) }

// executeRemoteCommand sends command = the definition's usage line, the arguments cobra left,
// and the flags the user set, and writes the plugin's output.
func (c *ExternalDomainProxy) executeRemoteCommand(cmd *cobra.Command, args []string) error {
	flags := make(map[string]string)
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Changed {
			flags[f.Name] = f.Value.String()
		}
	})
	request := &protocol.ExecuteCommandRequest{Command: cmd.Use, Args: args, Flags: flags}
	response, err := c.client.ExecuteCommand(context.Background(), request)
	if err != nil {
		return fmt.Errorf("remote command execution failed: %w", err)
	}
	cmd.OutOrStdout().Write([]byte(response.Stdout))
	cmd.ErrOrStderr().Write([]byte(response.Stderr))
	if response.ExitCode != 0 {
		return exitError{response.ExitCode}
	}
	return nil
}

// RegisterHTTP forwards /api/<name>/ to the plugin's HandleHTTP.
func (c *ExternalDomainProxy) RegisterHTTP(mux *http.ServeMux) {
	mux.HandleFunc(fmt.Sprintf("/api/%s/", c.metadata.Name), c.proxyHTTPRequest)
	mux.HandleFunc(fmt.Sprintf("/api/%s", c.metadata.Name), c.proxyHTTPRequest)
}

// proxyHTTPRequest sends one request as HTTPRequest: headers as a map (one value per name, the
// first), the path with its query; the answer's headers are set one value each.
func (c *ExternalDomainProxy) proxyHTTPRequest(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "Failed to read request body", http.StatusInternalServerError)
		return
	}
	headers := make(map[string]string)
	for key := range r.Header {
		headers[key] = r.Header.Get(key)
	}
	request := &protocol.HTTPRequest{Method: r.Method, Path: r.URL.Path, Headers: headers, Body: body}
	if r.URL.RawQuery != "" {
		request.Path = r.URL.Path + "?" + r.URL.RawQuery
	}
	response, err := c.client.HandleHTTP(r.Context(), request)
	if err != nil {
		http.Error(w, "Plugin error", http.StatusBadGateway)
		return
	}
	for key, value := range response.Headers {
		w.Header().Set(key, value)
	}
	w.WriteHeader(int(response.StatusCode))
	w.Write(response.Body)
}

// go-host: a Go program on the host side of the reference protocol, as QNTX's own host is. It
// connects to a plugin, initializes it with the given config, then runs one of:
//
//	go-host --plugin 127.0.0.1:9000 [--config key=value ...] metadata | commands | health | shutdown
//	go-host --plugin ... serve [--listen 127.0.0.1:0]   # /api/<name>/ through an http.ServeMux
//	go-host --plugin ... <plugin command> [args]         # the plugin's commands, as QNTX's CLI offers them
//
// metadata, commands and health print JSON; a plugin command prints the plugin's stdout and
// stderr and exits with its exit code.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func main() {
	global := pflag.NewFlagSet("go-host", pflag.ContinueOnError)
	global.ParseErrorsWhitelist.UnknownFlags = true
	global.Usage = func() {}
	address := global.String("plugin", "127.0.0.1:9000", "the plugin's address")
	config := global.StringArray("config", nil, "key=value sent at Initialize (repeatable)")
	_ = global.Parse(os.Args[1:])

	proxy, err := Connect(*address)
	if err != nil {
		fail(err)
	}
	defer proxy.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	err = proxy.Initialize(ctx, configMap(*config))
	cancel()
	if err != nil {
		fail(err)
	}

	root := &cobra.Command{Use: "go-host", SilenceErrors: true, SilenceUsage: true}
	root.PersistentFlags().AddFlagSet(global)
	root.AddCommand(metadataCommand(proxy), commandsCommand(proxy), healthCommand(proxy), shutdownCommand(proxy), serveCommand(proxy))
	root.AddCommand(proxy.Commands()...)
	root.SetArgs(os.Args[1:])
	if err := root.Execute(); err != nil {
		var exit exitError
		if errors.As(err, &exit) {
			os.Exit(int(exit.code))
		}
		fail(err)
	}
}

func metadataCommand(proxy *ExternalDomainProxy) *cobra.Command {
	return &cobra.Command{Use: "metadata", Short: "Print the plugin's metadata", RunE: func(*cobra.Command, []string) error {
		m := proxy.metadata
		return printJSON(map[string]string{
			"name": m.Name, "version": m.Version, "qntx_version": m.QntxVersion,
			"description": m.Description, "author": m.Author, "license": m.License,
		})
	}}
}

func commandsCommand(proxy *ExternalDomainProxy) *cobra.Command {
	return &cobra.Command{Use: "commands", Short: "Print the plugin's command definitions", RunE: func(*cobra.Command, []string) error {
		var out []map[string]interface{}
		for _, def := range proxy.commands {
			var flags []map[string]string
			for _, f := range def.Flags {
				flags = append(flags, map[string]string{
					"name": f.Name, "short": f.Short, "description": f.Description, "type": f.Type, "default_value": f.DefaultValue,
				})
			}
			out = append(out, map[string]interface{}{
				"name": def.Name, "description": def.Description, "subcommands": def.Subcommands, "flags": flags,
			})
		}
		return printJSON(out)
	}}
}

func healthCommand(proxy *ExternalDomainProxy) *cobra.Command {
	return &cobra.Command{Use: "health", Short: "Print the plugin's health", RunE: func(cmd *cobra.Command, _ []string) error {
		health, err := proxy.Health(cmd.Context())
		if err != nil {
			return err
		}
		return printJSON(map[string]interface{}{"healthy": health.Healthy, "message": health.Message, "details": health.Details})
	}}
}

func shutdownCommand(proxy *ExternalDomainProxy) *cobra.Command {
	return &cobra.Command{Use: "shutdown", Short: "Ask the plugin to shut down", RunE: func(cmd *cobra.Command, _ []string) error {
		if err := proxy.Shutdown(cmd.Context()); err != nil {
			return err
		}
		fmt.Println("shut down")
		return nil
	}}
}

// serveCommand listens for HTTP and prints "listening on http://<address>" once it does.
func serveCommand(proxy *ExternalDomainProxy) *cobra.Command {
	var listen string
	cmd := &cobra.Command{Use: "serve", Short: "Serve /api/<plugin>/ over HTTP", RunE: func(*cobra.Command, []string) error {
		mux := http.NewServeMux()
		proxy.RegisterHTTP(mux)
		listener, err := net.Listen("tcp", listen)
		if err != nil {
			return err
		}
		fmt.Printf("listening on http://%s\n", listener.Addr())
		server := &http.Server{Handler: mux}
		signals := make(chan os.Signal, 1)
		signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
		go func() {
			<-signals
			server.Close()
		}()
		if err := server.Serve(listener); err != http.ErrServerClosed {
			return err
		}
		return nil
	}}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:0", "address to listen on")
	return cmd
}

func configMap(pairs []string) map[string]string {
	config := make(map[string]string)
	for _, pair := range pairs {
		if i := strings.Index(pair, "="); i > 0 {
			config[pair[:i]] = pair[i+1:]
		}
	}
	return config
}

func printJSON(value interface{}) error {
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", "  ")
	encoder.SetEscapeHTML(false)
	return encoder.Encode(value)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "go-host: %v\n", err)
	os.Exit(1)
}

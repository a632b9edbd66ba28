// myplugin: the external plugin of QNTX's guide, served over the reference protocol. It takes
// --port as the guide's main.go does, prints no handshake line, and stops on SIGINT/SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"qntxexample/plugingrpc"
)

var (
	port = flag.Int("port", 9000, "gRPC server port")
	host = flag.String("host", "127.0.0.1", "interface to listen on (the guide listens on all of them: \"\")")
)

func main() {
	flag.Parse()
	logger := log.New(os.Stderr, "myplugin ", log.LstdFlags)
	server := plugingrpc.NewPluginServer(NewMyPlugin(), logger)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-signals
		cancel()
	}()

	if err := server.Serve(ctx, fmt.Sprintf("%s:%d", *host, *port)); err != nil {
		logger.Fatalf("server error: %v", err)
	}
}

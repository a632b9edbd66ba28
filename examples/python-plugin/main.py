"""Entry point of the pyexample plugin: the launch contract every QNTX plugin honours.

- `--port N` (default 9000) and `--host H` (default 127.0.0.1) when started by hand;
- with QNTX_PLUGIN_HANDSHAKE=1 (launched by a host): port 0 unless --port is given, the line
  `QNTX_PLUGIN|1|1|tcp|<host:port>|grpc` on stdout once listening, and exit when stdin closes
  (the host keeps it open as a liveness pipe);
- with QNTX_PLUGIN_TOKEN set: every call must carry it as gRPC metadata `x-qntx-plugin-token`.
"""
import argparse
import os
import signal
import sys
import threading
from concurrent import futures

import grpc

from protocol_stubs import load_stubs
from pyexample_servicer import PyExampleServicer, log

DEFAULT_PORT = 9000
TOKEN_METADATA_KEY = "x-qntx-plugin-token"
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


class TokenInterceptor(grpc.ServerInterceptor):
    """Refuses any call whose metadata lacks the per-launch token, with UNAUTHENTICATED."""

    def __init__(self, token):
        self.token = token

    def intercept_service(self, continuation, details):
        given = dict(details.invocation_metadata).get(TOKEN_METADATA_KEY)
        handler = continuation(details)
        if given == self.token or handler is None:
            return handler
        return refusal(handler)


def refusal(handler):
    def deny(_request, context):
        context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing or wrong plugin token")

    # The refusal must have the same streaming shape as the method it stands in for.
    if handler.request_streaming and handler.response_streaming:
        return grpc.stream_stream_rpc_method_handler(deny)
    if handler.request_streaming:
        return grpc.stream_unary_rpc_method_handler(deny)
    if handler.response_streaming:
        return grpc.unary_stream_rpc_method_handler(deny)
    return grpc.unary_unary_rpc_method_handler(deny)


def parse_args(argv, handshake):
    parser = argparse.ArgumentParser(prog="pyexample", description="QNTX example plugin in Python")
    parser.add_argument("--port", type=int, default=0 if handshake else DEFAULT_PORT)
    parser.add_argument("--host", default=os.environ.get("QNTX_PLUGIN_HOST", "127.0.0.1"))
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error("--port must be a whole number from 0 to 65535, got %d" % args.port)
    return args


def serve(argv):
    handshake = os.environ.get("QNTX_PLUGIN_HANDSHAKE") == "1"
    args = parse_args(argv, handshake)
    pb2, pb2_grpc = load_stubs()
    token = os.environ.get("QNTX_PLUGIN_TOKEN") or None

    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=8),
        interceptors=[TokenInterceptor(token)] if token else [],
        options=[("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                 ("grpc.max_send_message_length", MAX_MESSAGE_BYTES)],
    )
    # The generated base class answers UNIMPLEMENTED for every RPC this plugin does not define,
    # so extension RPCs added to proto/domain.proto later (streaming commands, streaming HTTP)
    # leave it working: the host falls back to the reference RPCs.
    servicer_class = type("Servicer", (PyExampleServicer, pb2_grpc.DomainPluginServiceServicer), {})
    pb2_grpc.add_DomainPluginServiceServicer_to_server(servicer_class(pb2), server)
    try:
        port = server.add_insecure_port("%s:%d" % (args.host, args.port))
    except RuntimeError:
        port = 0  # newer grpcio raises where older ones return 0
    if port == 0:
        raise SystemExit("pyexample: cannot listen on %s:%d (is the port in use?)" % (args.host, args.port))
    server.start()
    address = "%s:%d" % (args.host, port)
    log("serving gRPC on %s" % address)

    stopped = threading.Event()

    def stop(reason):
        if stopped.is_set():
            return
        log("stopping (%s)" % reason)
        stopped.set()

    signal.signal(signal.SIGTERM, lambda *_: stop("SIGTERM"))
    signal.signal(signal.SIGINT, lambda *_: stop("SIGINT"))
    if handshake:
        sys.stdout.write("QNTX_PLUGIN|1|1|tcp|%s|grpc\n" % address)
        sys.stdout.flush()
        threading.Thread(target=watch_stdin, args=(stop,), daemon=True).start()

    # wait() with a timeout keeps the main thread able to run signal handlers.
    while not stopped.wait(0.5):
        pass
    server.stop(grace=2).wait(3)
    return 0


def watch_stdin(stop):
    """The host holds our stdin open; end of file means it is gone."""
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    stop("host went away")


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))

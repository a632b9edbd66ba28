"""The pyexample plugin: protocol.DomainPluginService written by hand against the generated stubs."""
import json
import sys
import threading
from urllib.parse import parse_qs, urlsplit

import grpc

NAME = "pyexample"
VERSION = "0.1.0"
HELLO_PATH = "/api/%s/hello" % NAME
TRUE_WORDS = ("", "true", "1", "yes")


class PyExampleServicer:
    def __init__(self, pb2):
        self.pb2 = pb2
        self.config = {}
        self.initialized = False
        self.requests = 0
        self.lock = threading.Lock()

    # --- lifecycle --------------------------------------------------------------------------

    def Metadata(self, request, context):
        return self.pb2.MetadataResponse(
            name=NAME,
            version=VERSION,
            qntx_version=">= 0.1.0, < 2.0.0",
            description="Example plugin in Python: one route, one command",
            author="QNTX plugin platform",
            license="MIT",
        )

    def Initialize(self, request, context):
        with self.lock:
            self.config = dict(request.config)
            self.initialized = True
        log("initialized with config keys: %s" % (", ".join(sorted(self.config)) or "(none)"))
        return self.pb2.Empty()

    def Shutdown(self, request, context):
        with self.lock:
            self.initialized = False
        log("shutdown requested by the host")
        return self.pb2.Empty()

    def Health(self, request, context):
        with self.lock:
            details = {"initialized": str(self.initialized).lower(), "requests": str(self.requests)}
        return self.pb2.HealthResponse(healthy=True, message="pyexample ok", details=details)

    # --- commands ---------------------------------------------------------------------------

    def Commands(self, request, context):
        pb2 = self.pb2
        hello = pb2.CommandDefinition(
            name="hello <name>",
            description="Greet someone",
            flags=[pb2.FlagDefinition(name="shout", short="s", description="Greet in capitals", type="bool",
                                      default_value="false")],
        )
        # `subcommands` is what a reference host reads; `children` (field 16) carries the flags
        # of the subcommand to hosts that know the extension.
        top = pb2.CommandDefinition(name=NAME, description="Python example commands",
                                    subcommands=[hello.name], children=[hello])
        return pb2.CommandsResponse(commands=[top])

    def ExecuteCommand(self, request, context):
        self.count()
        if request.command.split() != [NAME, "hello"]:
            return self.pb2.ExecuteCommandResponse(exit_code=2, stderr='Unknown command "%s".\n' % request.command)
        if len(request.args) != 1:
            return self.pb2.ExecuteCommandResponse(exit_code=2, stderr="usage: %s hello <name> [--shout]\n" % NAME)
        text = self.greeting(request.args[0])
        if request.flags.get("shout", "false").lower() in TRUE_WORDS:
            text = text.upper()
        return self.pb2.ExecuteCommandResponse(exit_code=0, stdout=text + "\n")

    # --- HTTP -------------------------------------------------------------------------------

    def HandleHTTP(self, request, context):
        self.count()
        url = urlsplit(request.path)
        if url.path != HELLO_PATH:
            return self.json(404, {"error": "Not Found", "plugin": NAME,
                                   "message": "No route for %s %s" % (request.method, url.path)})
        if request.method not in ("GET", "HEAD"):
            return self.json(405, {"error": "Method Not Allowed", "plugin": NAME,
                                   "message": "%s only answers GET" % HELLO_PATH}, allow="GET, HEAD")
        name = parse_qs(url.query).get("name", ["world"])[0]
        return self.json(200, {"greeting": self.greeting(name), "plugin": NAME})

    def HandleWebSocket(self, request_iterator, context):
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "pyexample has no WebSocket endpoints")

    # --- internals --------------------------------------------------------------------------

    def greeting(self, name):
        with self.lock:
            word = self.config.get("greeting", "Hello")
        return "%s, %s!" % (word, name)

    def count(self):
        with self.lock:
            self.requests += 1

    def json(self, status, payload, **extra_headers):
        headers = [self.pb2.HTTPHeader(name="content-type", values=["application/json; charset=utf-8"])]
        headers += [self.pb2.HTTPHeader(name=k, values=[v]) for k, v in extra_headers.items()]
        return self.pb2.HTTPResponse(status_code=status, headers=headers, body=json.dumps(payload).encode())


def log(message):
    # stdout carries the handshake line only; everything else goes to stderr.
    print("[pyexample] %s" % message, file=sys.stderr, flush=True)

"""Generates the Python stubs of proto/domain.proto at start-up, into a cache directory.

Nothing generated is committed: the repository's proto/domain.proto is the one source of the
protocol, and the stubs are rebuilt whenever it (or the code generator) changes.
"""
import hashlib
import importlib
import os
import shutil
import sys
import tempfile

PROTO_FILE = "domain.proto"


def find_proto_dir():
    """QNTX_PROTO_DIR, else the first proto/ folder holding domain.proto above this file."""
    override = os.environ.get("QNTX_PROTO_DIR")
    if override and os.path.isfile(os.path.join(override, PROTO_FILE)):
        return os.path.abspath(override)
    directory = os.path.dirname(os.path.abspath(__file__))
    while True:
        candidate = os.path.join(directory, "proto")
        if os.path.isfile(os.path.join(candidate, PROTO_FILE)):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            raise SystemExit(
                "pyexample: cannot find proto/%s above %s; set QNTX_PROTO_DIR to the folder that holds it."
                % (PROTO_FILE, os.path.dirname(os.path.abspath(__file__)))
            )
        directory = parent


def cache_root():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "qntx", "python-stubs")


def load_stubs():
    """Returns the (domain_pb2, domain_pb2_grpc) modules, generating them when needed."""
    from grpc_tools import protoc  # imported late: a missing package gets the message below

    proto_dir = find_proto_dir()
    with open(os.path.join(proto_dir, PROTO_FILE), "rb") as source:
        digest = hashlib.sha256(source.read())
    digest.update(getattr(protoc, "__file__", "").encode())
    target = os.path.join(cache_root(), digest.hexdigest()[:16])
    if not os.path.isfile(os.path.join(target, "domain_pb2_grpc.py")):
        generate(proto_dir, target)
    sys.path.insert(0, target)
    return importlib.import_module("domain_pb2"), importlib.import_module("domain_pb2_grpc")


def generate(proto_dir, target):
    """Generates into a fresh folder and renames it into place, so two plugins starting at
    once never see half-written stubs."""
    from grpc_tools import protoc

    os.makedirs(os.path.dirname(target), exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="gen-", dir=os.path.dirname(target))
    code = protoc.main([
        "grpc_tools.protoc",
        "-I" + proto_dir,
        "--python_out=" + scratch,
        "--grpc_python_out=" + scratch,
        os.path.join(proto_dir, PROTO_FILE),
    ])
    if code != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        raise SystemExit("pyexample: protoc failed (exit %d) on %s/%s" % (code, proto_dir, PROTO_FILE))
    try:
        os.rename(scratch, target)
    except OSError:
        # Another process got there first with the same stubs.
        shutil.rmtree(scratch, ignore_errors=True)

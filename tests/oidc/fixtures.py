"""A real OpenID Connect provider for the tests: tests/oidc/provider.mjs (npm `oidc-provider`)
run with Node on a free port, and the portal configured to use it."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
CLIENT_ID = "spr-portal"
CLIENT_SECRET = "spr-portal-test-secret"
# Accounts at the provider and their groups (as Entra ID would send them).
GROUPS = {
    "co.sso": ["grp-chief-officers"],
    "pcc.sso": ["grp-pcc-office", "grp-all-staff"],
    "new.starter": ["grp-all-staff"],
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oidc_provider(live_server, settings):
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("Node.js is needed for the OpenID provider of the tests")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(  # noqa: S603
        [node, str(SCRIPT), str(port), f"{live_server.url}/accounts/sso/callback/"],
        cwd=ROOT,
        env={**os.environ, "OIDC_TEST_GROUPS": json.dumps(GROUPS)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{base}/.well-known/openid-configuration") as r:  # noqa: S310
                    discovery = json.load(r)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"The OpenID provider did not start: {log.read()}") from None
                time.sleep(0.2)
        settings.OIDC_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
        settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
        settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
        settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
        settings.OIDC_RP_SCOPES = "openid email profile groups"
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()

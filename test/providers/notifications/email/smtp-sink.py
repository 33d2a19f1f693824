"""A real SMTP server for the email service's tests: Debian's aiosmtpd, storing what it accepts.

Each accepted message becomes <dir>/<n>.json: the envelope, whether the session was encrypted and
who authenticated, the raw message, and the headers and body as Python's email package decodes
them (an oracle independent of the client under test). Prints {"port": N} once listening.
"""

import argparse
import asyncio
import json
import os
import ssl
import sys
from email import message_from_bytes, policy

from aiosmtpd.smtp import SMTP, AuthResult


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--auth-require-tls", action="store_true")
    p.add_argument("--exclude-auth", action="append", default=[])
    return p.parse_args()


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Recipients that exercise refusals: a mailbox busy for now (4xx), one that does not exist (5xx).
        if address.startswith("busy@"):
            return "451 4.2.1 Mailbox busy, try again later"
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        msg = message_from_bytes(raw, policy=policy.default)
        login = None
        if session.authenticated and session.auth_data is not None:
            login = session.auth_data.login.decode()
        record = {
            "helo": session.host_name,
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "login": login,
            "raw": raw.decode("ascii", errors="replace"),
            "headers": {k: str(v) for k, v in msg.items()},
            "contentType": msg.get_content_type(),
            "charset": msg.get_content_charset(),
            "body": msg.get_content(),
        }
        self.count += 1
        path = os.path.join(self.folder, f"{self.count}.json")
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.replace(path + ".tmp", path)
        return "250 2.0.0 Queued"


def main():
    args = parse_args()
    tls_context = None
    if args.cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.cert, args.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
        # handled=False: aiosmtpd answers the refusal (535) itself.
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    handler = Sink(args.dir)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        return SMTP(
            handler,
            hostname="sink.test",
            tls_context=tls_context,
            authenticator=authenticator if args.user else None,
            auth_require_tls=args.auth_require_tls,
            auth_exclude_mechanism=args.exclude_auth,
            loop=loop,
        )

    server = loop.run_until_complete(loop.create_server(factory, host="127.0.0.1", port=0))
    port = server.sockets[0].getsockname()[1]
    print(json.dumps({"port": port}), flush=True)
    loop.run_forever()


if __name__ == "__main__":
    sys.exit(main())

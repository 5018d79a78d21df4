"""An aiosmtpd handler for the mail tests: keeps every message it accepts as a file and
refuses recipients whose address starts with "reject" with a permanent 550.

Run with Debian's python (python3-aiosmtpd imports only there):
    PYTHONPATH=tests/mail /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.MailDir DIR
Each message becomes DIR/<n>.eml: an "X-Rcpt-To:" line per recipient, then the message.
"""
import os


class MailDir:
    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("MailDir takes one argument: the folder")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        count = len([n for n in os.listdir(self.folder) if n.endswith(".eml")])
        tmp = os.path.join(self.folder, "%d.tmp" % count)
        with open(tmp, "wb") as out:
            for rcpt in envelope.rcpt_tos:
                out.write(("X-Rcpt-To: %s\r\n" % rcpt).encode())
            out.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.folder, "%d.eml" % count))
        return "250 Message accepted for delivery"

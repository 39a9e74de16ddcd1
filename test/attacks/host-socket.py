# A hostile client of the session host's socket, run inside the sandbox: sends one raw `hs` request with any
# cwd and argv (no forwarder script, no environment), prints the reply's stdout/stderr and exits with its code.
# usage: python3 host-socket.py CWD ARG...
import os
import socket
import sys

cwd, argv = sys.argv[1], sys.argv[2:]
client = socket.socket(socket.AF_UNIX)
client.connect(os.environ.get("HS_HOST_SOCKET", "/tmp/.hs-host.sock"))
fields = ["hs", cwd, str(len(argv))] + argv
client.sendall(b"".join(field.encode() + b"\0" for field in fields))
client.shutdown(socket.SHUT_WR)
data = b""
while True:
    chunk = client.recv(65536)
    if not chunk:
        break
    data += chunk
at = 0
while at < len(data):
    newline = data.index(b"\n", at)
    kind, value = data[at:newline].decode().split(" ")
    if kind == "X":
        sys.exit(int(value))
    body = data[newline + 1:newline + 1 + int(value)]
    (sys.stdout if kind == "O" else sys.stderr).buffer.write(body)
    at = newline + 1 + int(value)
sys.exit(99)

"""Extract HEAD of a bare git dir into DEST, skipping blobs absent from a partial snapshot."""
import os, subprocess, sys
gd, dest = sys.argv[1], sys.argv[2]
out = subprocess.run(["git", "--git-dir", gd, "ls-tree", "-r", "-z", "HEAD"], capture_output=True, check=True).stdout
entries = []
for rec in out.split(b"\0"):
    if not rec: continue
    meta, path = rec.split(b"\t", 1)
    mode, typ, sha = meta.split()
    if typ == b"blob" and mode != b"120000":
        entries.append((sha.decode(), path.decode()))
p = subprocess.Popen(["git", "--git-dir", gd, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
missing = 0
for sha, path in entries:
    p.stdin.write(sha.encode() + b"\n"); p.stdin.flush()
    header = p.stdout.readline().split()
    if header[1] == b"missing":
        missing += 1; continue
    size = int(header[2]); data = p.stdout.read(size); p.stdout.read(1)
    full = os.path.join(dest, path); os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f: f.write(data)
print(dest, len(entries), "files", missing, "missing")

#!/usr/bin/env python3
"""Makes a golden error test (tests/lang/errors/NAME.go) from a Go source
body, taking the expected diagnostics from the real toolchain:

    tests/lang/make_golden.py BODY.go NAME [--go 19] [--snippet]

The golden file is the body preceded by a header:
    // ERROR line:col: message      one line per diagnostic, in Go's order
                                    ("\\n\\t" stands for a line break + tab,
                                    \\xNN for other control characters)
    // GO 1.19                      (only with --go 19; default: modern Go)
    // VERIFIED go build goX.Y.Z    the messages are the toolchain's own
Positions include the header lines. Snippets (--snippet) are wrapped with
bucketlab's wrap_snippet (build/native/lang_wrap, see golden_test.cpp's
oracle) — for snippets this script only writes the header from bucketlab's
output; the hidden [oracle] test re-checks them against go build.
"""
import os, re, subprocess, sys, tempfile

GO119 = "/usr/lib/go-1.19/bin/go"

def go_build(src, minor):
    d = tempfile.mkdtemp()
    with open(os.path.join(d, "prog.go"), "wb") as f:
        f.write(src.encode("utf-8", "surrogateescape"))
    go = GO119 if minor == 19 else "go"
    with open(os.path.join(d, "go.mod"), "w") as f:
        f.write("module m\ngo 1.%d\n" % minor)
    env = dict(os.environ, GOFLAGS="-mod=mod", GOTOOLCHAIN="local")
    p = subprocess.run([go, "build", "-o", os.devnull, "."], cwd=d, env=env, capture_output=True, text=True,
                       errors="surrogateescape")
    version = subprocess.run([go, "env", "GOVERSION"], capture_output=True, text=True).stdout.strip()
    out = []
    for line in (p.stdout + p.stderr).splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("\t"):
            out[-1] += "\\n\\t" + line[1:].replace("./prog.go:", "")
            continue
        out.append(line.replace("./prog.go:", ""))
    return out, version

def main():
    body_path, name = sys.argv[1], sys.argv[2]
    minor = 19 if "--go" in sys.argv and sys.argv[sys.argv.index("--go") + 1] == "19" else 26
    body = open(body_path, encoding="utf-8", errors="surrogateescape").read()
    diags, version = go_build(body, minor)
    extra = 1 + (1 if minor == 19 else 0)
    header_len = len(diags) + extra
    placeholder = "".join("//\n" for _ in range(header_len))
    diags, version = go_build(placeholder + body, minor)
    assert len(diags) + extra == header_len, "diagnostic count changed"
    def esc(m):  # control characters in messages (e.g. a NUL in a literal) as \xNN
        return "".join("\\x%02x" % ord(c) if ord(c) < 32 else c for c in m)
    header = "".join("// ERROR %s\n" % esc(d) for d in diags)
    if minor == 19:
        header += "// GO 1.19\n"
    header += "// VERIFIED go build %s\n" % version
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "errors", name + ".go")
    with open(out, "wb") as f:
        f.write((header + body).encode("utf-8", "surrogateescape"))
    print(out)
    for d in diags:
        print("  ", d)

main()

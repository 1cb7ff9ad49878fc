#!/bin/sh
# Installs targettrack from this offline bundle ({{NAME}}): no network, no package index.
# Run it as: sh install.sh            (add --postgres for the PostgreSQL driver)
# It finds a Python 3 (TARGETTRACK_PYTHON, then python3.13 ... python3) to run install.py,
# which chooses a Python the bundle fits, checks every wheel's SHA-256 and installs into
# the folder venv beside this script. Works with /bin/sh (dash) and bash.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 1

for candidate in "${TARGETTRACK_PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    found=$(command -v "$candidate" 2>&1) || continue
    # install.py needs Python 3.7 or newer to say anything at all
    if fits=$("$found" -c 'import sys; print(sys.version_info >= (3, 7))' 2>&1) &&
        [ "$fits" = "True" ]; then
        exec "$found" "$here/install.py" "$@"
    fi
done

cat >&2 <<'MESSAGE'
没有找到 Python 3。本安装包需要 Python {{PYTHONS}}（64 位）之一：
请先安装（银河麒麟、统信 UOS 等可从系统软件源安装 python3.11 等），或把 TARGETTRACK_PYTHON
设为 python 的完整路径后再运行：TARGETTRACK_PYTHON=/opt/python3.11/bin/python3.11 sh install.sh

No Python 3 found. This bundle needs Python {{PYTHONS_EN}} (64-bit): install one, or set
TARGETTRACK_PYTHON to a python's full path and run this again.
MESSAGE
exit 1

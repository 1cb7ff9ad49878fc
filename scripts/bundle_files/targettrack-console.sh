#!/bin/sh
# Opens a shell with targettrack on the path: the environment install.sh made beside this file.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 1
if [ ! -x "$here/venv/bin/targettrack" ]; then
    echo "targettrack 尚未安装：请先运行 sh install.sh。" >&2
    echo "targettrack is not installed yet: run sh install.sh first." >&2
    exit 1
fi
PATH="$here/venv/bin:$PATH"
export PATH
cd "$HOME" || exit 1
targettrack --version
echo "输入 targettrack status 查看完成情况，targettrack --help 查看全部命令，exit 退出。"
echo "Type targettrack status, targettrack --help for every command, exit to leave."
exec "${SHELL:-/bin/sh}" -i

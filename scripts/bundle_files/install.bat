@echo off
rem Installs targettrack from this offline bundle ({{NAME}}): no network, no package index.
rem Double-click it, or run: install.bat --postgres   (with the PostgreSQL driver)
rem It finds a Python 3 (TARGETTRACK_PYTHON, the py launcher, python.exe) to run install.py,
rem which chooses a 64-bit Python {{PYTHONS_EN}}, checks every wheel's SHA-256 and installs
rem into the folder venv beside this file. This file is ASCII only: cmd.exe reads it in the
rem console's code page; what it says itself is in support\*.txt, in GBK (code page 936).
setlocal
cd /d "%~dp0"
set "TT_CHECK=import sys; sys.exit(sys.version_info < (3, 7))"

if not defined TARGETTRACK_PYTHON goto try_py
"%TARGETTRACK_PYTHON%" -c "%TT_CHECK%" >nul 2>nul
if not errorlevel 1 goto use_chosen

:try_py
py -3 -c "%TT_CHECK%" >nul 2>nul
if not errorlevel 1 goto use_py
python -c "%TT_CHECK%" >nul 2>nul
if not errorlevel 1 goto use_python

type "%~dp0support\no-python.txt"
set "TT_CODE=1"
goto finish

:use_chosen
"%TARGETTRACK_PYTHON%" "%~dp0install.py" %*
set "TT_CODE=%ERRORLEVEL%"
goto finish

:use_py
py -3 "%~dp0install.py" %*
set "TT_CODE=%ERRORLEVEL%"
goto finish

:use_python
python "%~dp0install.py" %*
set "TT_CODE=%ERRORLEVEL%"

:finish
if not defined TARGETTRACK_NO_PAUSE pause
exit /b %TT_CODE%

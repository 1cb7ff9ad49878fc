@echo off
rem Opens a console with targettrack on the path: the environment install.bat made beside
rem this file. Send it to the desktop as a shortcut (right-click, Send to, Desktop).
rem ASCII only: what it says itself is in support\not-installed.txt, in GBK (code page 936).
if not exist "%~dp0venv\Scripts\targettrack.exe" goto missing
set "PATH=%~dp0venv\Scripts;%PATH%"
title targettrack {{VERSION}}
cd /d "%USERPROFILE%"
targettrack --version
type "%~dp0support\console.txt"
cmd /k
exit /b

:missing
type "%~dp0support\not-installed.txt"
pause
exit /b 1

@echo off
rem Installs Xuequ for the current user (no administrator rights needed):
rem copies xuequ.exe and xuequ-cli.exe to %LOCALAPPDATA%\Programs\Xuequ,
rem adds a Start menu and desktop shortcut, and registers Xuequ for
rem project files (*.xuequ.gpkg). Windows associates by the last
rem extension only (.gpkg, also GeoPackage/QGIS): Xuequ becomes the
rem default only where no other program owns .gpkg, and is always offered
rem under "Open with". "install.cmd /uninstall" removes it again.
setlocal
set "DEST=%LOCALAPPDATA%\Programs\Xuequ"
set "CLASSES=HKCU\Software\Classes"
set "LINK=%APPDATA%\Microsoft\Windows\Start Menu\Programs\Xuequ.lnk"
set "DESKLINK=%USERPROFILE%\Desktop\Xuequ.lnk"

if /i "%~1"=="/uninstall" goto uninstall

if not exist "%DEST%" mkdir "%DEST%"
copy /y "%~dp0xuequ.exe" "%DEST%\xuequ.exe" >nul || goto failed
copy /y "%~dp0xuequ-cli.exe" "%DEST%\xuequ-cli.exe" >nul || goto failed

reg add "%CLASSES%\Xuequ.Project" /ve /d "Xuequ project" /f >nul
reg add "%CLASSES%\Xuequ.Project\DefaultIcon" /ve /d "\"%DEST%\xuequ.exe\",0" /f >nul
reg add "%CLASSES%\Xuequ.Project\shell\open\command" /ve /d "\"%DEST%\xuequ.exe\" \"%%1\"" /f >nul
reg add "%CLASSES%\.gpkg\OpenWithProgids" /v Xuequ.Project /t REG_NONE /f >nul
reg add "%CLASSES%\Applications\xuequ.exe\shell\open\command" /ve /d "\"%DEST%\xuequ.exe\" \"%%1\"" /f >nul
reg query "HKCR\.gpkg" /ve 2>nul | find "REG_SZ" >nul || reg add "%CLASSES%\.gpkg" /ve /d Xuequ.Project /f >nul

powershell -NoProfile -Command "$s=New-Object -ComObject WScript.Shell; foreach($p in @($env:LINK,$env:DESKLINK)){ $l=$s.CreateShortcut($p); $l.TargetPath=$env:DEST+'\xuequ.exe'; $l.WorkingDirectory=$env:USERPROFILE; $l.Save() }" >nul 2>&1

echo Xuequ is installed in %DEST%.
echo Start it from the Start menu or the desktop shortcut "Xuequ".
echo Command line: "%DEST%\xuequ-cli.exe" -h
exit /b 0

:uninstall
reg delete "%CLASSES%\Xuequ.Project" /f >nul 2>&1
reg delete "%CLASSES%\.gpkg\OpenWithProgids" /v Xuequ.Project /f >nul 2>&1
reg delete "%CLASSES%\Applications\xuequ.exe" /f >nul 2>&1
reg query "%CLASSES%\.gpkg" /ve 2>nul | find "Xuequ.Project" >nul && reg delete "%CLASSES%\.gpkg" /ve /f >nul 2>&1
del "%LINK%" "%DESKLINK%" >nul 2>&1
rmdir /s /q "%DEST%"
echo Xuequ removed.
exit /b 0

:failed
echo Could not copy Xuequ to %DEST%. Close Xuequ if it is running and try again.
exit /b 1

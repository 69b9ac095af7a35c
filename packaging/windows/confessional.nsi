; Windows installer for Confessional (NSIS 3): installs the PyInstaller bundle
; (dist\confessional\, built on Windows by packaging\confessional.spec), a Start menu
; entry, an uninstaller, and an inbound firewall rule for the app.
;
;   makensis /DVERSION=0.1.0 packaging\windows\confessional.nsi
;     → dist\Confessional-0.1.0-windows-x64-setup.exe
;
; Why the firewall rule: the app serves the phones in the room. Windows asks the first
; time it listens, and a dismissed prompt leaves a silent *block* rule behind; conference
; Wi-Fi is usually a *Public* network, where the prompt's default does not allow it.
; So the installer (which runs elevated anyway) removes whatever inbound rules name the
; app's program, block rules included, and allows it on private and public networks
; (TCP for the phones' page and sockets, UDP for mDNS). The uninstaller removes the rule.
;
; Not yet built or run on Windows: see packaging/README.md.

Unicode true
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef DIST
  !define DIST "..\..\dist"
!endif
!define APP_NAME "Confessional"
!define APP_EXE "confessional.exe"
!define FIREWALL_RULE "Confessional (phones in the room)"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Confessional"

Name "${APP_NAME}"
OutFile "${DIST}\Confessional-${VERSION}-windows-x64-setup.exe"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
Icon "..\..\resources\icons\confessional.ico"
UninstallIcon "..\..\resources\icons\confessional.ico"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "LegalCopyright" "MIT licence"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!define MUI_ICON "..\..\resources\icons\confessional.ico"
!define MUI_UNICON "..\..\resources\icons\confessional.ico"
; No "Run Confessional" on the last page: it would start the app elevated, as the installer.
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; Every inbound rule for the app's program goes (a dismissed prompt's block rules too).
!macro RemoveFirewallRules
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name=all dir=in program="$INSTDIR\${APP_EXE}"'
  Pop $0
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Confessional needs 64-bit Windows."
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Confessional" SecApp
  SectionIn RO
  SetShellVarContext all
  ; An older version's files go first: the bundle's file names change between versions.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST}\confessional\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"

  !insertmacro RemoveFirewallRules
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${FIREWALL_RULE}" dir=in action=allow program="$INSTDIR\${APP_EXE}" enable=yes profile=private,public protocol=TCP'
  Pop $0
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${FIREWALL_RULE}" dir=in action=allow program="$INSTDIR\${APP_EXE}" enable=yes profile=private,public protocol=UDP localport=5353'
  Pop $0

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "The Confessional maintainers"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  !insertmacro RemoveFirewallRules
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  ; Sessions and transcripts stay in the user's data folder (%LOCALAPPDATA%\Confessional).
SectionEnd

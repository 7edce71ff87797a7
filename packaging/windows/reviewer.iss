; Inno Setup 6 script: per-user install of the PyInstaller bundle (no administrator rights).
; Built by CI on windows-2022 (which ships Inno Setup 6):
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\dist\reviewer /DOutputDir=..\..\dist packaging\windows\reviewer.iss
; Not run on the development machine (Linux): checked against the Inno Setup documentation only.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\reviewer"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; a fixed AppId keeps upgrades in place (same install folder, one uninstall entry)
AppId={{6C1F3A52-8E0B-4C7D-9E55-2B7A1D4F9C31}
AppName=Reviewer
AppVersion={#AppVersion}
AppPublisher=Reviewer maintainers
DefaultDirName={localappdata}\Programs\Reviewer
DefaultGroupName=Reviewer
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=reviewer-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\reviewer.exe
LicenseFile={#BundleDir}\licenses\INDEX.txt
; SignTool=signtool is configured by CI when WINDOWS_CERTIFICATE is set (placeholder)

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the bundle's internals wholesale so no stale module survives
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\Reviewer"; Filename: "{app}\reviewer.exe"; WorkingDir: "{app}"
Name: "{userprograms}\Reviewer (demo)"; Filename: "{app}\reviewer.exe"; Parameters: "--demo"; WorkingDir: "{app}"

[Run]
Filename: "{app}\reviewer.exe"; Description: "Start Reviewer"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for user data: cases live in %LOCALAPPDATA%\reviewer (platformdirs),
; outside {app}, and uninstalling leaves them. Reviewers remove that folder themselves.

BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    function Get-Delete { @(Get-EmulatorRequest | Where-Object method -eq 'DELETE') }
    function Get-ListedId { (Get-LlamaChatSession @Conn).SessionId }

    # A host whose confirmation prompts answer as told and are counted: the real ShouldProcess prompt, no console.
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
public sealed class AnsweringHostUI : PSHostUserInterface
{
    public int Answer; public int Prompts;
    public override PSHostRawUserInterface RawUI { get { return null; } }
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) { Prompts++; return Answer; }
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { throw new NotSupportedException(); }
    public override PSCredential PromptForCredential(string c, string m, string u, string t) { throw new NotSupportedException(); }
    public override PSCredential PromptForCredential(string c, string m, string u, string t, PSCredentialTypes a, PSCredentialUIOptions o) { throw new NotSupportedException(); }
    public override string ReadLine() { throw new NotSupportedException(); }
    public override System.Security.SecureString ReadLineAsSecureString() { throw new NotSupportedException(); }
    public override void Write(string value) { }
    public override void Write(ConsoleColor f, ConsoleColor b, string value) { }
    public override void WriteLine(string value) { }
    public override void WriteErrorLine(string value) { }
    public override void WriteDebugLine(string message) { }
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) { }
    public override void WriteWarningLine(string message) { }
}
public sealed class AnsweringHost : PSHost
{
    private readonly Guid _id = Guid.NewGuid();
    public readonly AnsweringHostUI Answers = new AnsweringHostUI();
    public override string Name { get { return "AnsweringHost"; } }
    public override Version Version { get { return new Version(1, 0); } }
    public override Guid InstanceId { get { return _id; } }
    public override PSHostUserInterface UI { get { return Answers; } }
    public override CultureInfo CurrentCulture { get { return CultureInfo.InvariantCulture; } }
    public override CultureInfo CurrentUICulture { get { return CultureInfo.InvariantCulture; } }
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() { throw new NotSupportedException(); }
    public override void ExitNestedPrompt() { throw new NotSupportedException(); }
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
'@
    # Runs Remove-LlamaChatSession in a runspace of that host; returns how many prompts it showed.
    function Invoke-WithAnswer([int] $Answer, [string] $Arguments) {
        $h = [AnsweringHost]::new()
        $h.Answers.Answer = $Answer
        $rs = [runspacefactory]::CreateRunspace($h)
        $rs.Open()
        try {
            $ps = [powershell]::Create()
            $ps.Runspace = $rs
            $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; Remove-LlamaChatSession $Arguments -BaseUri '$Url' -ApiKey '$Key'")
            $null = $ps.Invoke()
            [pscustomobject]@{ Prompts = $h.Answers.Prompts; Errors = @($ps.Streams.Error) }
        }
        finally { $rs.Dispose() }
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Remove-LlamaChatSession' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It '-WhatIf on piped sessions sends no request at all' {
        $sessions = Get-LlamaChatSession @Conn | Where-Object SessionId -like 'ses-fix-0*'
        $sessions.Count | Should -Be 9
        Clear-EmulatorRequest
        $out = $sessions | Remove-LlamaChatSession -WhatIf @Conn
        $out | Should -BeNullOrEmpty
        @(Get-EmulatorRequest).Count | Should -Be 0
        Get-ListedId | Should -Contain 'ses-fix-01'
    }

    It '-Confirm:$false removes exactly the piped sessions' {
        $before = Get-ListedId
        Get-LlamaChatSession @Conn | Where-Object SessionId -in 'ses-fix-01', 'ses-fix-02', 'ses-fix-03' | Remove-LlamaChatSession -Confirm:$false @Conn
        (Get-Delete).path | Sort-Object | Should -Be @('/api/v1/chat/ses-fix-01', '/api/v1/chat/ses-fix-02', '/api/v1/chat/ses-fix-03')
        (Get-Delete).status | Select-Object -Unique | Should -Be 204
        $after = Get-ListedId
        Compare-Object $before $after | ForEach-Object InputObject | Sort-Object | Should -Be @('ses-fix-01', 'ses-fix-02', 'ses-fix-03')
    }

    It 'a missing id is one NotFound error and the others are still removed' {
        $errs = $null
        $before = @(Get-ListedId)
        $before | Should -Contain 'ses-fix-01'
        'ses-fix-01', 'nope', 'ses-fix-02' | Remove-LlamaChatSession -Force @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*'
        $errs[0].TargetObject | Should -Be 'nope'
        (Get-Delete).status | Should -Be @(204, 404, 204)
        $after = @(Get-ListedId)
        $after.Count | Should -Be ($before.Count - 2)
        $after | Should -Not -Contain 'ses-fix-01'
        $after | Should -Not -Contain 'ses-fix-02'
    }

    It 'takes ids by position, by value, and by the SessionId of events and any object' {
        Remove-LlamaChatSession ses-fix-01 -Force @Conn
        'ses-fix-02' | Remove-LlamaChatSession -Force @Conn
        [pscustomobject]@{ SessionId = 'ses-fix-03' } | Remove-LlamaChatSession -Force @Conn
        Get-LlamaChatEvent -SessionId ses-fix-04 @Conn | Select-Object -First 1 | Remove-LlamaChatSession -Force @Conn
        Clear-EmulatorRequest
        Remove-LlamaChatSession -Id ses-fix-05, ses-fix-06 -Force @Conn
        (Get-Delete).path | Should -Be @('/api/v1/chat/ses-fix-05', '/api/v1/chat/ses-fix-06')
        $ids = Get-ListedId
        1..6 | ForEach-Object { $ids | Should -Not -Contain ('ses-fix-{0:D2}' -f $_) }
        $ids | Should -Contain 'ses-fix-07'
    }

    It '-PassThru writes piped sessions as they were, and bare ids as ids' {
        $s = Get-LlamaChatSession -Id ses-fix-01 -Summary @Conn
        $out = $s | Remove-LlamaChatSession -Force -PassThru @Conn
        $out | Should -BeOfType ([LlamaCloud.Chat.ChatSession])
        $out.SessionId | Should -Be 'ses-fix-01'
        $out.GeneratedTitle | Should -Be $s.GeneratedTitle
        Remove-LlamaChatSession ses-fix-02, nope -Force -PassThru @Conn -ErrorAction SilentlyContinue | Should -Be 'ses-fix-02'
        Remove-LlamaChatSession ses-fix-03 -Force @Conn | Should -BeNullOrEmpty
    }

    It 'is retried like a GET (idempotent)' {
        Add-Fault @{ path = 'ses-fix-01'; method = 'DELETE'; status = 503; times = 1; headers = @{ 'retry-after-ms' = '10' } }
        Remove-LlamaChatSession ses-fix-01 -Force @Conn
        (Get-Delete).status | Should -Be @(503, 204)
    }
}

Describe 'Remove-LlamaChatSession confirmation' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'prompts by default (ConfirmImpact High); answering No sends nothing' {
        $r = Invoke-WithAnswer -Answer 2 -Arguments 'ses-fix-01'    # 2 = [N] No
        $r.Prompts | Should -Be 1
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'answering Yes removes it' {
        $r = Invoke-WithAnswer -Answer 0 -Arguments 'ses-fix-01'    # 0 = [Y] Yes
        $r.Prompts | Should -Be 1
        (Get-Delete).path | Should -Be '/api/v1/chat/ses-fix-01'
    }

    It '<Switch> skips the prompt' -TestCases @(@{ Switch = '-Force' }, @{ Switch = '-Confirm:$false' }) {
        $r = Invoke-WithAnswer -Answer 2 -Arguments "ses-fix-01 $Switch"
        $r.Prompts | Should -Be 0
        (Get-Delete).path | Should -Be '/api/v1/chat/ses-fix-01'
    }

    It '-Force -WhatIf still only reports' {
        $r = Invoke-WithAnswer -Answer 0 -Arguments 'ses-fix-01 -Force -WhatIf'
        $r.Prompts | Should -Be 0
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'in a non-interactive pwsh (a scheduled task without -Force) it refuses instead of hanging, and sends nothing' {
        # This pwsh, started again: pwsh itself, or dotnet with pwsh.dll (the pinned tool).
        $exe = (Get-Process -Id $PID).Path
        $prefix = @(if ($exe -match 'dotnet(\.exe)?$') { [Environment]::GetCommandLineArgs()[0] })
        $script = "Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; Remove-LlamaChatSession ses-fix-01 -BaseUri '$Url' -ApiKey '$Key'"
        $output = & $exe @prefix -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $output | Should -Match 'NonInteractive'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }
}

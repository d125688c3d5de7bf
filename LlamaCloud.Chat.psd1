@{
    # The version is stamped from Directory.Build.props by build.ps1; this value is a placeholder in the source tree.
    ModuleVersion        = '0.0.0'
    RootModule           = 'LlamaCloud.Chat.dll'
    GUID                 = '5d3c8a0e-7b4f-4f55-9a43-2c1a6f0e8b71'
    Author               = 'LlamaCloud.Chat contributors'
    CompanyName          = 'LlamaCloud.Chat contributors'
    Copyright            = '(c) LlamaCloud.Chat contributors. MIT License.'
    Description          = 'LlamaCloud chat sessions as typed PowerShell objects: read, stream and filter histories (Get-LlamaChatSession | Get-LlamaChatEvent -Type tool_call), create sessions and run chat turns streamed live, delete sessions, readable turns and Markdown/HTML transcripts, byte-exact archives with incremental sync, and OpenTelemetry trace export. Retries, proxies, format views, help and tab completion; Windows PowerShell 5.1 and PowerShell 7.4+.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport      = @(
        'Get-LlamaChatSession'
        'Get-LlamaChatEvent'
        'Export-LlamaChatSession'
        'Connect-LlamaCloud'
        'Disconnect-LlamaCloud'
        'Get-LlamaChatTurn'
        'Export-LlamaChatTranscript'
        'ConvertTo-LlamaChatTranscript'
        'New-LlamaChatSession'
        'Remove-LlamaChatSession'
        'Send-LlamaChatMessage'
        'Sync-LlamaChatArchive'
        'ConvertTo-LlamaChatTrace'
        'Export-LlamaChatTrace'
        'Get-LlamaCloudConnection'
        'Update-LlamaChatSessionTitle'
        'Get-LlamaChatAttachment'
        'Save-LlamaChatAttachment'
        'Export-LlamaChatTable'
        'Get-LlamaChatUsage'
        'Search-LlamaChat'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    FormatsToProcess     = @('LlamaCloud.Chat.format.ps1xml')
    PrivateData          = @{
        PSData = @{
            Tags         = @('LlamaCloud', 'LlamaIndex', 'Chat', 'AI', 'Agent', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/llamacloud-chat/LlamaCloud.Chat'
            LicenseUri   = 'https://github.com/llamacloud-chat/LlamaCloud.Chat/blob/main/LICENSE'
            ReleaseNotes = 'New-LlamaChatSession, Remove-LlamaChatSession and Send-LlamaChatMessage (live SSE); Get-LlamaChatTurn and transcripts; Sync-LlamaChatArchive and byte-exact export; ConvertTo-/Export-LlamaChatTrace (OTLP); Get-LlamaCloudConnection; proxy parameters; a rejected key or an incomplete listing fails the command; lazily built sessions.'
        }
    }
}

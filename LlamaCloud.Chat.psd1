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
    TypesToProcess       = @('LlamaCloud.Chat.types.ps1xml')
    FormatsToProcess     = @('LlamaCloud.Chat.format.ps1xml')
    PrivateData          = @{
        PSData = @{
            Tags         = @('LlamaCloud', 'LlamaIndex', 'Chat', 'AI', 'Agent', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/llamacloud-chat/LlamaCloud.Chat'
            LicenseUri   = 'https://github.com/llamacloud-chat/LlamaCloud.Chat/blob/main/LICENSE'
            ReleaseNotes = 'The chat API as it is today: shared_access, skipped indexes, Update-LlamaChatSessionTitle, Get-/Save-LlamaChatAttachment and HTML transcripts with embedded images; Export-LlamaChatTable (Parquet, NDJSON, CSV), Get-LlamaChatUsage and Search-LlamaChat; -Redact and trace profiles for Langfuse and Phoenix; Connect-LlamaCloud changes only what it is given; -ApiKey takes a PSCredential; views that fit 80 columns.'
        }
    }
}

<#
.SYNOPSIS
    Builds the MAML help of a binary module (<Assembly>.dll-Help.xml) from markdown, C# XML docs and the cmdlets' metadata.
.DESCRIPTION
    platyPS is not available here, so this script does its job for LlamaCloud.Chat:

    * the prose comes from <SourcePath>/<Cmdlet-Name>.md: ## SYNOPSIS, ## DESCRIPTION, ## EXAMPLES (### Example N: title,
      a fenced code block, then the explanation), ## INPUTS and ## OUTPUTS (### TypeName + text), ## NOTES and
      ## RELATED LINKS (- [text](uri) items). An optional ## PARAMETERS section (### -Name + text) extends the description
      of a parameter; with an <!-- override --> line it replaces it, and a "Default value: X" line sets the default shown.
    * parameter descriptions come from the /// <summary> of the parameter properties (-XmlDocPath), stripped of XML markup.
    * parameter metadata (type, position, mandatory, pipeline input, aliases, wildcards, accepted values, parameter sets,
      defaults) comes from Get-Command, run in a CHILD pwsh process so this process never loads the assembly (it stays
      unlocked, and a build never runs with a stale copy of the module).

    Every about_*.help.txt file in SourcePath is copied to OutputPath too. Common parameters are not listed (Get-Help adds
    <CommonParameters> itself); -WhatIf, -Confirm and the paging parameters -First, -Skip and -IncludeTotalCount are.
.PARAMETER SourcePath
    The folder of the markdown sources and about topics (src/LlamaCloud.Chat/help).
.PARAMETER AssemblyPath
    The module's dll, as laid out for import.
.PARAMETER OutputPath
    The culture folder to write into (out/LlamaCloud.Chat/en-US); created if missing.
.PARAMETER XmlDocPath
    The compiler's XML documentation file. Default: the .xml beside AssemblyPath, if there is one.
.PARAMETER OnlineBaseUri
    Where the markdown sources are published (the repository's help folder): each cmdlet's first related link is then
    "Online Version: <OnlineBaseUri>/<Cmdlet-Name>.md", which Get-Help -Online opens (and which Get-Help's REMARKS
    offer whenever a topic has related links). Without it, no topic gets one.
.EXAMPLE
    ./tools/Build-Help.ps1 -SourcePath src/LlamaCloud.Chat/help -AssemblyPath out/LlamaCloud.Chat/LlamaCloud.Chat.dll -OutputPath out/LlamaCloud.Chat/en-US -XmlDocPath src/LlamaCloud.Chat/bin/Release/netstandard2.0/LlamaCloud.Chat.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SourcePath,
    [Parameter(Mandatory)] [string] $AssemblyPath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $XmlDocPath,
    [string] $OnlineBaseUri
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$SourcePath = (Resolve-Path -LiteralPath $SourcePath).ProviderPath
$AssemblyPath = (Resolve-Path -LiteralPath $AssemblyPath).ProviderPath
if (-not (Test-Path -LiteralPath $OutputPath)) { $null = New-Item -ItemType Directory -Force -Path $OutputPath }
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath
if (-not $XmlDocPath) {
    $beside = [IO.Path]::ChangeExtension($AssemblyPath, '.xml')
    if (Test-Path -LiteralPath $beside) { $XmlDocPath = $beside }
}
$assemblyName = [IO.Path]::GetFileNameWithoutExtension($AssemblyPath)

#region Metadata: Get-Command in a child process

# Runs in the child. Writes one JSON document describing every cmdlet of the assembly.
$childScript = @'
param([string] $AssemblyPath, [string] $OutFile)
$ErrorActionPreference = 'Stop'
$module = Import-Module -Name $AssemblyPath -PassThru
$common = [System.Management.Automation.Cmdlet]::CommonParameters
$minValue = [int]::MinValue

function Get-FriendlyTypeName([type] $Type) {
    if ($Type.IsArray) { return (Get-FriendlyTypeName $Type.GetElementType()) + '[]' }
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { return (Get-FriendlyTypeName $inner) + '?' }
    return $Type.Name
}

function Get-DefaultText($Instance, [System.Management.Automation.ParameterMetadata] $Parameter) {
    $type = $Parameter.ParameterType
    if ($type -eq [System.Management.Automation.SwitchParameter]) { return 'False' }
    switch ($Parameter.Name) { 'Skip' { return '0' } 'First' { return 'None' } }
    if ($null -eq $Instance) { return 'None' }
    $property = $Instance.GetType().GetProperty($Parameter.Name)
    if ($null -eq $property) { return 'None' }
    $value = $property.GetValue($Instance)
    if ($null -eq $value) { return 'None' }
    if ($value -is [string]) { if ($value.Length -gt 0) { return $value } else { return 'None' } }
    if ($value -is [array]) { return 'None' }
    if ($value -is [bool]) { return [string]$value }
    if ($type.IsValueType -and -not $value.Equals([Activator]::CreateInstance($value.GetType()))) {
        return [string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0}', $value)
    }
    return 'None'
}

$commands = foreach ($cmd in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $implementing = $cmd.ImplementingType
    $instance = $null
    try { $instance = [Activator]::CreateInstance($implementing) } catch { $instance = $null }

    $parameters = [ordered]@{}
    # Hidden parameters (DontShow in every set, pipeline plumbing such as -PipedSession) are in no part of the help.
    $hidden = @(foreach ($name in $cmd.Parameters.Keys) {
            $attributes = @($cmd.Parameters[$name].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
            if ($attributes.Count -and -not @($attributes | Where-Object { -not $_.DontShow }).Count) { $name }
        })
    foreach ($name in $cmd.Parameters.Keys) {
        if ($common -contains $name -or $hidden -contains $name) { continue }
        $p = $cmd.Parameters[$name]
        $property = $null
        try { $property = $implementing.GetProperty($name) } catch { $property = $null }
        $validateSet = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } |
            ForEach-Object { $_.ValidValues })
        $parameters[$name] = [ordered]@{
            Name          = $name
            Type          = Get-FriendlyTypeName $p.ParameterType
            IsSwitch      = $p.SwitchParameter
            Aliases       = @($p.Aliases)
            Globbing      = [bool]@($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
            ValidValues   = $validateSet
            DeclaringType = if ($property) { $property.DeclaringType.FullName } else { $null }
            Default       = Get-DefaultText $instance $p
        }
    }
    if ($instance -is [IDisposable]) { $instance.Dispose() }

    $sets = foreach ($set in $cmd.ParameterSets) {
        [ordered]@{
            Name       = $set.Name
            IsDefault  = $set.IsDefault -or $cmd.ParameterSets.Count -eq 1
            Parameters = @(foreach ($sp in $set.Parameters) {
                    if ($common -contains $sp.Name -or $hidden -contains $sp.Name) { continue }
                    [ordered]@{
                        Name           = $sp.Name
                        Position       = if ($sp.Position -eq $minValue) { $null } else { $sp.Position }
                        Mandatory      = $sp.IsMandatory
                        ByValue        = $sp.ValueFromPipeline
                        ByPropertyName = $sp.ValueFromPipelineByPropertyName
                    }
                })
        }
    }

    [ordered]@{
        Name               = $cmd.Name
        Verb               = $cmd.Verb
        Noun               = $cmd.Noun
        ImplementingType   = $implementing.FullName
        DefaultParameterSet = $cmd.DefaultParameterSet
        OutputTypes        = @($cmd.OutputType | ForEach-Object { $_.Name })
        Parameters         = @($parameters.Values)
        ParameterSets      = @($sets)
    }
}
ConvertTo-Json -InputObject @($commands) -Depth 10 | Set-Content -LiteralPath $OutFile -Encoding utf8
'@

function Get-CmdletMetadata {
    $temp = Join-Path ([IO.Path]::GetTempPath()) ("Build-Help-" + [Guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $temp
    try {
        $scriptFile = Join-Path $temp 'Get-Metadata.ps1'
        $jsonFile = Join-Path $temp 'metadata.json'
        Set-Content -LiteralPath $scriptFile -Value $childScript -Encoding utf8
        $pwsh = (Get-Process -Id $PID).Path
        $childArgs = @('-NoProfile', '-NonInteractive', '-File', $scriptFile, '-AssemblyPath', $AssemblyPath, '-OutFile', $jsonFile)
        if ($pwsh -match 'dotnet(\.exe)?$') {
            # Under `dotnet pwsh` the process is the dotnet host: run the local tool again, from the folder of its manifest.
            Push-Location (Split-Path -Parent $PSScriptRoot)
            try { & $pwsh pwsh @childArgs } finally { Pop-Location }
        }
        else {
            & $pwsh @childArgs
        }
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $jsonFile)) {
            throw "Reading the cmdlet metadata of '$AssemblyPath' in a child process failed (exit code $LASTEXITCODE)."
        }
        return @(Get-Content -Raw -LiteralPath $jsonFile | ConvertFrom-Json)
    }
    finally {
        Remove-Item -LiteralPath $temp -Recurse -Force -ErrorAction SilentlyContinue
    }
}

#endregion

#region XML documentation

function ConvertFrom-DocNode {
    <# Text of an XML doc node: references become their names, <para> and <br/> break paragraphs (as blank lines). #>
    param([System.Xml.XmlNode] $Node)
    $sb = [Text.StringBuilder]::new()
    foreach ($child in $Node.ChildNodes) {
        switch ($child.NodeType) {
            'Text' { $null = $sb.Append($child.Value) }
            'CDATA' { $null = $sb.Append($child.Value) }
            'Element' {
                switch ($child.LocalName) {
                    { $_ -in 'see', 'seealso' } {
                        $ref = $child.GetAttribute('cref')
                        if ($ref) {
                            $ref = $ref -replace '^[A-Z]:', '' -replace '\(.*$', '' -replace '`\d+', ''
                            $null = $sb.Append(($ref -split '\.')[-1])
                        }
                        elseif ($child.GetAttribute('langword')) {
                            $word = $child.GetAttribute('langword')
                            $null = $sb.Append($(switch ($word) { 'null' { '$null' } 'true' { '$true' } 'false' { '$false' } default { $word } }))
                        }
                        elseif ($child.GetAttribute('href')) {
                            $text = $child.InnerText.Trim()
                            $null = $sb.Append($(if ($text) { "$text ($($child.GetAttribute('href')))" } else { $child.GetAttribute('href') }))
                        }
                        else { $null = $sb.Append($child.InnerText) }
                    }
                    { $_ -in 'paramref', 'typeparamref' } { $null = $sb.Append($child.GetAttribute('name')) }
                    'para' { $null = $sb.Append("`n`n").Append((ConvertFrom-DocNode $child)).Append("`n`n") }
                    'br' { $null = $sb.Append("`n`n") }
                    'code' { $null = $sb.Append("`n`n").Append($child.InnerText.Trim("`r", "`n")).Append("`n`n") }
                    'list' {
                        foreach ($item in $child.SelectNodes('*[local-name()="item"]')) {
                            $null = $sb.Append("`n`n- ").Append((ConvertFrom-DocNode $item).Trim())
                        }
                        $null = $sb.Append("`n`n")
                    }
                    default { $null = $sb.Append((ConvertFrom-DocNode $child)) }
                }
            }
        }
    }
    return $sb.ToString()
}

function Split-DocParagraphs([string] $Text) {
    <# Paragraphs of doc text: blank lines separate them; line breaks and indentation inside one are source wrapping. #>
    if (-not $Text) { return @() }
    return @(($Text -replace "`r", '') -split "\n\s*\n" | ForEach-Object { ($_ -replace '\s+', ' ').Trim() } | Where-Object { $_ })
}

function Read-XmlDoc([string] $Path) {
    $members = @{}
    if (-not $Path) { return $members }
    if (-not (Test-Path -LiteralPath $Path)) { Write-Warning "No XML documentation at '$Path': parameter descriptions come from the markdown only."; return $members }
    $doc = [xml](Get-Content -Raw -LiteralPath $Path)
    foreach ($m in $doc.SelectNodes('/doc/members/member')) {
        $summary = $m.SelectSingleNode('summary')
        if (-not $summary) { continue }
        $synopsis = $summary.SelectSingleNode('para[@type="synopsis"]')
        $description = $summary.SelectSingleNode('para[@type="description"]')
        $members[$m.GetAttribute('name')] = [pscustomobject]@{
            Paragraphs  = @(Split-DocParagraphs (ConvertFrom-DocNode $summary))
            Synopsis    = @(if ($synopsis) { Split-DocParagraphs (ConvertFrom-DocNode $synopsis) })
            Description = @(if ($description) { Split-DocParagraphs (ConvertFrom-DocNode $description) })
        }
    }
    return $members
}

#endregion

#region Markdown

function ConvertFrom-InlineMarkdown([string] $Text) {
    # [text](uri): keep the text, and the uri when it is absolute; **bold** and __bold__ lose their markers.
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]*)\)', {
            param($m)
            if ($m.Groups[2].Value -match '^[a-z]+://') { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } else { $m.Groups[1].Value }
        })
    $Text = $Text -replace '\*\*([^*]+)\*\*', '$1' -replace '(?<![\w])__([^_]+)__(?![\w])', '$1'
    return $Text
}

function ConvertTo-Paragraphs {
    <#
    Markdown body lines to help paragraphs: a run of text lines is one paragraph (joined by spaces), each list item is
    its own paragraph (continuation lines joined), a fenced block is one paragraph with its line breaks and indentation.
    #>
    param([string[]] $Lines)
    $paras = [Collections.Generic.List[string]]::new()
    $current = [Collections.Generic.List[string]]::new()
    $fence = $null
    $block = $null
    $flush = {
        if ($current.Count -gt 0) { $paras.Add((ConvertFrom-InlineMarkdown (($current | ForEach-Object { $_.Trim() }) -join ' '))) }
        $current.Clear()
    }
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line.Trim() -eq $fence) { $paras.Add(($block -join "`n").TrimEnd()); $fence = $null; continue }
            $block.Add($line.TrimEnd())
            continue
        }
        if ($line -match '^\s*(```+|~~~+)') {
            & $flush
            $fence = $Matches[1]
            $block = [Collections.Generic.List[string]]::new()
            continue
        }
        if ($line -match '^\s*<!--.*-->\s*$') { continue }
        if ($line.Trim() -eq '') { & $flush; continue }
        if ($line -match '^\s*([-*+]|\d+[.)])\s+') { & $flush }
        $current.Add($line)
    }
    if ($null -ne $fence) { $paras.Add(($block -join "`n").TrimEnd()) }
    & $flush
    return $paras.ToArray()
}

function Read-HelpMarkdown([string] $Path) {
    $lines = @((Get-Content -LiteralPath $Path -Encoding utf8) -replace "`r", '')
    # YAML front matter (platyPS style) is metadata for other tools: skip it.
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        $end = [Array]::IndexOf($lines, '---', 1)
        if ($end -gt 0) { $lines = $lines[($end + 1)..($lines.Count - 1)] }
    }
    $sections = [ordered]@{}
    $name = $null
    $inFence = $false
    foreach ($line in $lines) {
        if ($line -match '^\s*(```|~~~)') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^##\s+(.+?)\s*$' -and $line -notmatch '^###') {
            $name = $Matches[1].ToUpperInvariant()
            $sections[$name] = [Collections.Generic.List[string]]::new()
            continue
        }
        if ($null -ne $name) { $sections[$name].Add($line) }
    }
    return $sections
}

function Split-Subsections {
    <# The ### blocks of a section: title and body lines (### inside fenced code is body). #>
    param([string[]] $Lines)
    $result = [Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*(```|~~~)') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^###\s+(.+?)\s*$') {
            $current = [pscustomobject]@{ Title = $Matches[1]; Lines = [Collections.Generic.List[string]]::new() }
            $result.Add($current)
            continue
        }
        if ($null -ne $current) { $current.Lines.Add($line) }
    }
    return $result.ToArray()
}

function Get-Examples([string[]] $Lines) {
    $examples = foreach ($sub in @(Split-Subsections $Lines)) {
        $code = $null
        $rest = [Collections.Generic.List[string]]::new()
        $fence = $null
        $block = $null
        foreach ($line in $sub.Lines) {
            if ($null -eq $code -and $null -eq $fence -and $line -match '^\s*(```+|~~~+)') { $fence = $Matches[1]; $block = [Collections.Generic.List[string]]::new(); continue }
            if ($null -eq $code -and $null -ne $fence) {
                if ($line.Trim() -eq $fence) { $code = ($block -join "`n").TrimEnd(); $fence = $null } else { $block.Add($line.TrimEnd()) }
                continue
            }
            $rest.Add($line)
        }
        [pscustomobject]@{ Title = $sub.Title; Code = $code; Remarks = @(ConvertTo-Paragraphs $rest) }
    }
    return @($examples)
}

function Get-TypedEntries([string[]] $Lines) {
    <# INPUTS / OUTPUTS: ### TypeName + description. A section with only text becomes one entry named by its first line. #>
    $subs = @(Split-Subsections $Lines)
    if ($subs.Count -eq 0) {
        $paras = @(ConvertTo-Paragraphs $Lines)
        if ($paras.Count -eq 0) { return @() }
        return @([pscustomobject]@{ Type = $paras[0]; Description = @($paras | Select-Object -Skip 1) })
    }
    return @(foreach ($s in $subs) { [pscustomobject]@{ Type = $s.Title; Description = @(ConvertTo-Paragraphs $s.Lines) } })
}

function Get-ParameterNotes([string[]] $Lines) {
    $notes = @{}
    foreach ($s in @(Split-Subsections $Lines)) {
        $pname = $s.Title.Trim().TrimStart('-')
        $override = [bool]($s.Lines | Where-Object { $_ -match '^\s*<!--\s*override\s*-->\s*$' })
        $default = $null
        $body = foreach ($l in $s.Lines) {
            if ($l -match '^\s*Default value:\s*(.+?)\s*$') { $default = $Matches[1] } else { $l }
        }
        $notes[$pname] = [pscustomobject]@{ Override = $override; Default = $default; Paragraphs = @(ConvertTo-Paragraphs @($body)) }
    }
    return $notes
}

function Get-Links([string[]] $Lines) {
    $links = foreach ($line in $Lines) {
        $t = $line.Trim()
        if (-not $t -or $t -match '^<!--') { continue }
        $t = $t -replace '^[-*+]\s+', ''
        if ($t -match '^\[([^\]]+)\]\(([^)]*)\)') {
            $uri = if ($Matches[2] -match '^[a-z]+://') { $Matches[2] } else { '' }
            [pscustomobject]@{ Text = $Matches[1]; Uri = $uri }
        }
        elseif ($t -match '^[a-z]+://\S+$') { [pscustomobject]@{ Text = 'Online Version:'; Uri = $t } }
        else { [pscustomobject]@{ Text = $t; Uri = '' } }
    }
    return @($links)
}

#endregion

#region MAML

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

# Descriptions of the parameters PowerShell adds itself (no XML doc exists for them).
$builtInDescriptions = @{
    WhatIf            = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm           = 'Prompts you for confirmation before running the cmdlet.'
    First             = 'Gets only the specified number of objects.'
    Skip              = 'Ignores the specified number of objects and then gets the remaining objects.'
    IncludeTotalCount = 'Reports the total number of objects in the data set (an integer) followed by the selected objects. If the cmdlet cannot determine the total count, it displays "Unknown total count."'
}

function Add-Element([System.Xml.XmlWriter] $W, [string] $Prefix, [string] $Name, [string] $Text) {
    $W.WriteStartElement($Prefix, $Name, $ns[$Prefix])
    if ($null -ne $Text) { $W.WriteString($Text) }
    $W.WriteEndElement()
}

function Add-Paras([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    $any = $false
    foreach ($p in $Paragraphs) {
        if ($null -eq $p) { continue }
        Add-Element $W 'maml' 'para' $p
        $any = $true
    }
    if (-not $any) { Add-Element $W 'maml' 'para' '' }
}

function Add-TypeList {
    # command:inputTypes / command:returnValues: one entry per type, each with its description.
    param($W, [string] $Outer, [string] $Inner, $Entries)
    $W.WriteStartElement('command', $Outer, $ns.command)
    foreach ($e in $Entries) {
        $W.WriteStartElement('command', $Inner, $ns.command)
        $W.WriteStartElement('dev', 'type', $ns.dev); Add-Element $W 'maml' 'name' $e.Type; $W.WriteEndElement()
        Add-Description $W $e.Description
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Add-Description([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    $W.WriteStartElement('maml', 'description', $ns.maml)
    Add-Paras $W $Paragraphs
    $W.WriteEndElement()
}

function Get-PipelineInputText($Entries) {
    $kinds = [Collections.Generic.List[string]]::new()
    if (@($Entries | Where-Object ByPropertyName).Count) { $kinds.Add('ByPropertyName') }
    if (@($Entries | Where-Object ByValue).Count) { $kinds.Add('ByValue') }
    if ($kinds.Count -eq 0) { return 'False' }
    return "True ($($kinds -join ', '))"
}

function Add-Parameter {
    param([System.Xml.XmlWriter] $W, $Info, $SetEntries, [string[]] $Description, [string] $Default, [bool] $InSyntax)
    $position = @($SetEntries | Where-Object { $null -ne $_.Position } | ForEach-Object Position | Select-Object -First 1)
    $required = @($SetEntries | Where-Object { -not $_.Mandatory }).Count -eq 0
    $W.WriteStartElement('command', 'parameter', $ns.command)
    $W.WriteAttributeString('required', $(if ($required) { 'true' } else { 'false' }))
    $W.WriteAttributeString('variableLength', $(if ($Info.Type -like '*[[]]') { 'true' } else { 'false' }))
    $W.WriteAttributeString('globbing', $(if ($Info.Globbing) { 'true' } else { 'false' }))
    $W.WriteAttributeString('pipelineInput', (Get-PipelineInputText $SetEntries))
    $W.WriteAttributeString('position', $(if ($position.Count) { [string]$position[0] } else { 'named' }))
    $W.WriteAttributeString('aliases', $(if (@($Info.Aliases).Count) { @($Info.Aliases) -join ', ' } else { 'none' }))
    Add-Element $W 'maml' 'name' $Info.Name
    Add-Description $W $Description
    if ($InSyntax -and @($Info.ValidValues).Count) {
        $W.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($v in $Info.ValidValues) {
            $W.WriteStartElement('command', 'parameterValue', $ns.command)
            $W.WriteAttributeString('required', 'false')
            $W.WriteAttributeString('variableLength', 'false')
            $W.WriteString($v)
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    if (-not ($InSyntax -and $Info.IsSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $ns.command)
        $W.WriteAttributeString('required', $(if ($Info.IsSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', $(if ($Info.Type -like '*[[]]') { 'true' } else { 'false' }))
        $W.WriteString($Info.Type)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $ns.dev)
    Add-Element $W 'maml' 'name' $Info.Type
    Add-Element $W 'maml' 'uri' ''
    $W.WriteEndElement()
    Add-Element $W 'dev' 'defaultValue' $Default
    $W.WriteEndElement()
}

# Parameters PowerShell adds (risk mitigation, paging) go last, in the order users know them.
$trailing = 'First', 'Skip', 'IncludeTotalCount', 'WhatIf', 'Confirm'

function Get-OrderedParameterNames($Command, $Set) {
    $entries = @($Set.Parameters)
    $positional = @($entries | Where-Object { $null -ne $_.Position } | Sort-Object Position)
    $mandatory = @($entries | Where-Object { $null -eq $_.Position -and $_.Mandatory })
    $rest = @($entries | Where-Object { $null -eq $_.Position -and -not $_.Mandatory -and $trailing -notcontains $_.Name })
    $tail = @(foreach ($t in $trailing) { $entries | Where-Object Name -eq $t })
    return @(@($positional) + @($mandatory) + @($rest) + @($tail) | ForEach-Object Name)
}

function Write-CommandHelp {
    param([System.Xml.XmlWriter] $W, $Command, $Markdown, $XmlDoc)
    $name = $Command.Name
    $typeDoc = $XmlDoc["T:$($Command.ImplementingType)"]
    $get = { param($section) if ($Markdown -and $Markdown.Contains($section)) { @($Markdown[$section]) } else { @() } }

    $synopsis = @(ConvertTo-Paragraphs (& $get 'SYNOPSIS'))
    if ($synopsis.Count -eq 0 -and $typeDoc) { $synopsis = @($typeDoc.Synopsis) }
    if ($synopsis.Count -eq 0) { Write-Warning "$($name): no synopsis." }
    $description = @(ConvertTo-Paragraphs (& $get 'DESCRIPTION'))
    if ($description.Count -eq 0 -and $typeDoc) { $description = @($typeDoc.Description) }
    $parameterNotes = Get-ParameterNotes (& $get 'PARAMETERS')

    # One description per parameter: the XML doc summary of its property, extended or replaced by ## PARAMETERS.
    $descriptions = @{}
    $defaults = @{}
    foreach ($p in $Command.Parameters) {
        $paras = @()
        if ($p.DeclaringType -and $XmlDoc.ContainsKey("P:$($p.DeclaringType).$($p.Name)")) { $paras = @($XmlDoc["P:$($p.DeclaringType).$($p.Name)"].Paragraphs) }
        elseif ($builtInDescriptions.ContainsKey($p.Name)) { $paras = @($builtInDescriptions[$p.Name]) }
        $note = $parameterNotes[$p.Name]
        if ($note) { $paras = @(if ($note.Override) { $note.Paragraphs } else { @($paras) + @($note.Paragraphs) }) }
        if (@($paras).Count -eq 0) { Write-Warning "$($name): parameter -$($p.Name) has no description." }
        $descriptions[$p.Name] = @($paras)
        $defaults[$p.Name] = if ($note -and $note.Default) { $note.Default } else { $p.Default }
    }
    foreach ($extra in $parameterNotes.Keys) {
        if (-not @($Command.Parameters | Where-Object Name -eq $extra).Count) { Write-Warning "$($name): ## PARAMETERS documents -$extra, which the cmdlet does not have." }
    }
    $info = @{}
    foreach ($p in $Command.Parameters) { $info[$p.Name] = $p }

    $W.WriteStartElement('command', 'command', $ns.command)
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $W.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }

    $W.WriteStartElement('command', 'details', $ns.command)
    Add-Element $W 'command' 'name' $name
    Add-Element $W 'command' 'verb' $Command.Verb
    Add-Element $W 'command' 'noun' $Command.Noun
    Add-Description $W $synopsis
    $W.WriteEndElement()

    Add-Description $W $description

    # Syntax: one item per parameter set, the default set first.
    $sets = @(@($Command.ParameterSets | Where-Object IsDefault) + @($Command.ParameterSets | Where-Object { -not $_.IsDefault }))
    $W.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $sets) {
        $W.WriteStartElement('command', 'syntaxItem', $ns.command)
        Add-Element $W 'maml' 'name' $name
        foreach ($pname in @(Get-OrderedParameterNames $Command $set)) {
            $entry = @($set.Parameters | Where-Object Name -eq $pname)
            Add-Parameter -W $W -Info $info[$pname] -SetEntries $entry -Description $descriptions[$pname] -Default $defaults[$pname] -InSyntax $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # Parameters: each once, in the order of the syntax (default set first), with its metadata over all sets.
    $order = [Collections.Generic.List[string]]::new()
    foreach ($set in $sets) { foreach ($pname in @(Get-OrderedParameterNames $Command $set)) { if (-not $order.Contains($pname)) { $order.Add($pname) } } }
    $order = @(@($order | Where-Object { $trailing -notcontains $_ }) + @($trailing | Where-Object { $order.Contains($_) }))
    $W.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($pname in $order) {
        $entries = @(foreach ($set in $sets) { $set.Parameters | Where-Object Name -eq $pname })
        Add-Parameter -W $W -Info $info[$pname] -SetEntries $entries -Description $descriptions[$pname] -Default $defaults[$pname] -InSyntax $false
    }
    $W.WriteEndElement()

    $inputs = @(Get-TypedEntries (& $get 'INPUTS'))
    if ($inputs.Count -eq 0) { $inputs = @([pscustomobject]@{ Type = 'None'; Description = @() }) }
    Add-TypeList $W 'inputTypes' 'inputType' $inputs

    $outputs = @(Get-TypedEntries (& $get 'OUTPUTS'))
    if ($outputs.Count -eq 0) { $outputs = @($Command.OutputTypes | ForEach-Object { [pscustomobject]@{ Type = $_; Description = @() } }) }
    Add-TypeList $W 'returnValues' 'returnValue' $outputs

    $notes = @(ConvertTo-Paragraphs (& $get 'NOTES'))
    if ($notes.Count) {
        $W.WriteStartElement('maml', 'alertSet', $ns.maml)
        $W.WriteStartElement('maml', 'alert', $ns.maml)
        Add-Paras $W $notes
        $W.WriteEndElement()
        $W.WriteEndElement()
    }

    $examples = @(Get-Examples (& $get 'EXAMPLES'))
    if ($examples.Count -eq 0) { Write-Warning "$($name): no examples." }
    # Numbered 1, 2, 3, ... as written: a reader who is told "see Example 6" must find exactly one.
    for ($i = 0; $i -lt $examples.Count; $i++) {
        if ($examples[$i].Title -notmatch '^Example (\d+): \S' -or [int]$Matches[1] -ne $i + 1) {
            throw "$($name).md: '### $($examples[$i].Title)' should be '### Example $($i + 1): <title>' (examples are numbered from 1, in order, each number once)."
        }
    }
    $W.WriteStartElement('command', 'examples', $ns.command)
    foreach ($e in $examples) {
        if (-not $e.Code) { Write-Warning "$($name): '$($e.Title)' has no code block." }
        $W.WriteStartElement('command', 'example', $ns.command)
        # Centred between dashes, as in the help of PowerShell's own cmdlets.
        $pad = '-' * [Math]::Max(4, [int][Math]::Floor((70 - $e.Title.Length) / 2))
        Add-Element $W 'maml' 'title' "$pad $($e.Title) $pad"
        Add-Element $W 'dev' 'code' $e.Code
        $W.WriteStartElement('dev', 'remarks', $ns.dev)
        Add-Paras $W (@($e.Remarks) + @('')) # the empty paragraph separates the examples
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $links = @(Get-Links (& $get 'RELATED LINKS'))
    if ($OnlineBaseUri -and $Markdown -and -not @($links | Where-Object Text -eq 'Online Version:').Count) {
        $links = @([pscustomobject]@{ Text = 'Online Version:'; Uri = "$($OnlineBaseUri.TrimEnd('/'))/$name.md" }) + $links
    }
    $W.WriteStartElement('maml', 'relatedLinks', $ns.maml)
    foreach ($l in $links) {
        $W.WriteStartElement('maml', 'navigationLink', $ns.maml)
        Add-Element $W 'maml' 'linkText' $l.Text
        Add-Element $W 'maml' 'uri' $l.Uri
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement() # command:command
}

#endregion

$commands = Get-CmdletMetadata
if ($commands.Count -eq 0) { throw "'$AssemblyPath' exports no cmdlets." }
$xmlDoc = Read-XmlDoc $XmlDocPath

$helpFile = Join-Path $OutputPath "$assemblyName.dll-Help.xml"
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"
$writer = [System.Xml.XmlWriter]::Create($helpFile, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', $ns.msh)
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($command in $commands) {
        $source = Join-Path $SourcePath "$($command.Name).md"
        $markdown = $null
        if (Test-Path -LiteralPath $source) { $markdown = Read-HelpMarkdown $source }
        else { Write-Warning "No help source for $($command.Name) ($source): its help has only the generated parts." }
        Write-CommandHelp -W $writer -Command $command -Markdown $markdown -XmlDoc $xmlDoc
    }
    foreach ($md in Get-ChildItem -LiteralPath $SourcePath -Filter '*-*.md') {
        if (-not @($commands | Where-Object Name -eq $md.BaseName).Count) { Write-Warning "$($md.Name) documents no cmdlet of $assemblyName." }
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}
$null = [xml](Get-Content -Raw -LiteralPath $helpFile) # fails the build if the file is not well-formed

foreach ($about in Get-ChildItem -LiteralPath $SourcePath -Filter 'about_*.help.txt') {
    Copy-Item -LiteralPath $about.FullName -Destination $OutputPath -Force
}
Write-Verbose "Help for $($commands.Count) cmdlets written to $helpFile"

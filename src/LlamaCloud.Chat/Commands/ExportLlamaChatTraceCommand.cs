using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LlamaCloud.Chat.Telemetry;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Redaction;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Exports chat sessions as OpenTelemetry traces: to an OTLP JSON Lines file (-Path), or to an OTLP/HTTP receiver (-Endpoint).</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "LlamaChatTrace", SupportsShouldProcess = true, DefaultParameterSetName = "SessionId")]
    [OutputType(typeof(FileInfo), typeof(ChatTraceExportResult))]
    public sealed class ExportLlamaChatTraceCommand : LlamaChatTraceCmdlet, IDisposable
    {
        private TraceFileWriter? _file;
        private TraceBatchSender? _sender;
        private bool _active = true;

        /// <summary>The .jsonl file to write: one TracesData document per line, per session (the format of the
        /// OpenTelemetry Collector's otlpjsonfile receiver). Written beside the target and moved into place at the end.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Add to the end of an existing -Path file instead of refusing to touch it.</summary>
        [Parameter]
        public SwitchParameter Append { get; set; }

        /// <summary>Overwrite an existing -Path file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The OTLP/HTTP receiver. A URI without a path gets /v1/traces. Default (without -Path): OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
        /// else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. With neither -Path nor any of these, the command fails with
        /// LlamaCloud.TraceDestinationMissing and sends nothing.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Endpoint { get; set; }

        /// <summary>Headers for the receiver (e.g. @{ Authorization = 'Bearer ...' }); values may be SecureStrings. They override
        /// OTEL_EXPORTER_OTLP_HEADERS / OTEL_EXPORTER_OTLP_TRACES_HEADERS by name. Values are secrets: never shown.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? Header { get; set; }

        /// <summary>gzip compresses each OTLP request (Content-Encoding: gzip); none sends it as is. Default:
        /// OTEL_EXPORTER_OTLP_TRACES_COMPRESSION, else OTEL_EXPORTER_OTLP_COMPRESSION, else none. -Endpoint mode only.</summary>
        [Parameter]
        [ValidateSet(OtlpCompression.Gzip, OtlpCompression.None)]
        public string? Compression { get; set; }

        /// <summary>Sessions per OTLP request (each session is one ResourceSpans). Default 64; a request also stops growing at 8 MiB.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int BatchSize { get; set; } = 64;

        /// <summary>Write the file (-Path), or one result per request (-Endpoint), to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override bool Active => _active;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Path != null && (Endpoint != null || Header != null || Compression != null))
                Terminate(new PSArgumentException(Messages.TracePathOrEndpoint()), ErrorIds.TracePathInvalid, ErrorCategory.InvalidArgument, Path);
            if (Path != null) BeginFile();
            else BeginEndpoint();
        }

        internal override void OnTrace(ChatTrace trace, Redaction.RedactionTally? tally)
        {
            if (_file != null) _file.Write(trace);
            else _sender!.Add(trace, tally);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            base.EndProcessing();
            if (!_active) return;
            if (_sender != null)
            {
                _sender.Flush();
                return;
            }
            if (_file == null) return;
            try
            {
                _file.Commit();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Terminate(ex, ErrorIds.TraceWriteFailed, ErrorCategory.WriteError, _file.Target);
            }
            if (!PassThru) return;
            // Redacted: the file carries the run's summary (all its sessions) as its Redaction property.
            foreach (var item in InvokeProvider.Item.Get(new[] { _file.Target }, false, true))
                WriteObject(RunTally == null ? item : WithRedaction(item, RunTally));
        }

        private void BeginFile()
        {
            string file;
            try
            {
                file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
                if (provider.Name != "FileSystem")
                    throw new PSArgumentException(Archive.Messages.NotFileSystemPath(Path!, provider.Name));
                if (Directory.Exists(file))
                    throw new PSArgumentException(Messages.TracePathIsFolder(file));
            }
            catch (Exception ex) when (ex is PSArgumentException || ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is NotSupportedException)
            {
                Terminate(ex, ErrorIds.TracePathInvalid, ErrorCategory.InvalidArgument, Path);
                return;
            }
            if (File.Exists(file) && !Force && !Append)
                Terminate(new IOException(Messages.TraceFileExists(file)), ErrorIds.TraceFileExists, ErrorCategory.ResourceExists, file);
            if (!ShouldProcess(file, Messages.WriteTracesAction(Append && File.Exists(file))))
            {
                _active = false;
                return;
            }
            try
            {
                _file = new TraceFileWriter(file, Append);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Terminate(ex, ErrorIds.TraceWriteFailed, ErrorCategory.WriteError, file);
            }
        }

        private void BeginEndpoint()
        {
            try
            {
                var endpoint = OtlpEndpoint.Resolve(Endpoint, Environment.GetEnvironmentVariable);
                var protocolNote = OtlpProtocol.Check(Environment.GetEnvironmentVariable);
                if (protocolNote != null) WriteVerbose(protocolNote);
                var gzip = OtlpCompression.Resolve(Compression, Environment.GetEnvironmentVariable);
                var headers = new OtlpHeaders();
                foreach (var variable in new[] { "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS" })
                {
                    foreach (var bad in headers.AddFromEnvironment(Environment.GetEnvironmentVariable(variable), variable))
                        WriteWarning(Messages.MalformedHeaderEntry(variable, bad));
                }
                headers.AddFromParameter(Header?.Cast<System.Collections.DictionaryEntry>()
                    .Select(e => new KeyValuePair<object, object?>(PSValue.Unwrap(e.Key)!, PSValue.Unwrap(e.Value))));
                var secretHeaders = headers.Count;
                // Langfuse's real-time ingestion wants its version header on direct OTLP; one given by the user wins.
                if (Profile == TraceProfile.Langfuse)
                    headers.AddIfAbsent(ProfileConventions.LangfuseIngestionVersionHeader, ProfileConventions.LangfuseIngestionVersionValue, "-Profile Langfuse");
                if (secretHeaders > 0 && endpoint.Scheme != Uri.UriSchemeHttps && !endpoint.IsLoopback && !AllowUnencryptedAuthentication)
                {
                    throw new LlamaCloudException(
                        Messages.UnencryptedHeaders(endpoint.Host),
                        ErrorIds.UnencryptedAuthentication, ErrorCategory.SecurityError);
                }
                var version = typeof(LlamaCloudCmdlet).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
                var timeout = OtlpEndpoint.ResolveTimeout(MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeoutSec : (int?)null, TimeoutSec, Environment.GetEnvironmentVariable);
                // The receiver is reached the way LlamaCloud is: -Proxy/-NoProxy, else Connect-LlamaCloud's proxy, else the platform's.
                var proxy = ResolveProxy();
                var exporter = new OtlpExporter(endpoint, headers, timeout, MaximumRetryCount, "LlamaCloud.Chat/" + version, this, proxy, Activity, gzip);
                _sender = new TraceBatchSender(this, exporter, BatchSize);
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, Endpoint == null ? null : UriText.MaskUserInfo(Endpoint)));
            }
        }

        // Internal plumbing for TraceBatchSender (it writes through this cmdlet).
        internal bool ShouldSend(string target, string action) => ShouldProcess(target, action);
        internal bool WantsResults => PassThru;

        private void Terminate(Exception ex, string id, ErrorCategory category, object? target) =>
            ThrowTerminatingError(new ErrorRecord(ex, id, category, target));

        /// <summary>Removes an unfinished temporary file (stopped or failed run), then releases the base's resources.</summary>
        public new void Dispose()
        {
            _file?.Abandon();
            base.Dispose();
        }
    }
}

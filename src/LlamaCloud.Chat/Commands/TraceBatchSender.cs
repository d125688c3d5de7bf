using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// Collects traces into OTLP requests (up to the batch size in sessions, and about 8 MiB) and sends each one as it
    /// fills: one ExportTraceServiceRequest holding one ResourceSpans per session. A failed request is one error for
    /// the sessions in it; a partial success is an error for the rejected spans; the pipeline goes on. A 401 or 403 means the
    /// receiver rejected the credentials, which would be as wrong for every later batch, so it ends the command (one
    /// terminating error naming the headers' sources, never their values), as does a proxy refusing us.
    /// </summary>
    internal sealed class TraceBatchSender
    {
        internal const int SoftRequestBytes = 8 * 1024 * 1024;
        /// <summary>The OTLP specification's recommended request limit: a trace above it is never sent.</summary>
        internal const int MaxRequestBytes = 64 * 1024 * 1024;

        private readonly ExportLlamaChatTraceCommand _cmd;
        private readonly OtlpExporter _exporter;
        private readonly int _batchSize;
        private readonly List<byte[]> _parts = new List<byte[]>();
        private readonly List<string> _ids = new List<string>();
        private int _bytes;
        private int _spans;
        private Redaction.RedactionTally? _redaction;

        internal TraceBatchSender(ExportLlamaChatTraceCommand cmd, OtlpExporter exporter, int batchSize)
        {
            _cmd = cmd;
            _exporter = exporter;
            _batchSize = batchSize;
        }

        internal void Add(ChatTrace trace, Redaction.RedactionTally? tally)
        {
            var part = trace.ResourceSpansUtf8;
            if (part.Length + 32 > MaxRequestBytes)
            {
                _cmd.WriteError(new ErrorRecord(
                    new LlamaCloudException(Messages.TraceTooLarge(trace.SessionId, part.Length),
                        ErrorIds.TraceTooLarge, ErrorCategory.LimitsExceeded),
                    ErrorIds.TraceTooLarge, ErrorCategory.LimitsExceeded, trace.SessionId));
                return;
            }
            if (_parts.Count > 0 && _bytes + part.Length > SoftRequestBytes) Flush();
            _parts.Add(part);
            _ids.Add(trace.SessionId);
            if (tally != null) (_redaction ??= _cmd.Redactor!.NewTally()).Merge(tally);
            _bytes += part.Length;
            _spans += trace.SpanCount;
            if (_parts.Count >= _batchSize) Flush();
        }

        internal void Flush()
        {
            if (_parts.Count == 0) return;
            var ids = _ids.ToArray();
            var spans = _spans;
            var redaction = _redaction;
            _redaction = null;
            var body = OtlpJsonWriter.Document(_parts);
            _parts.Clear();
            _ids.Clear();
            _bytes = 0;
            _spans = 0;
            var target = ids.Length == 1 ? ids[0] : string.Join(", ", ids);
            if (!_cmd.ShouldSend(_exporter.Display, Messages.SendTracesAction(ids, spans))) return;
            OtlpSendResult result;
            try
            {
                result = _cmd.Await(_exporter.SendAsync(body, _cmd.StopToken));
            }
            catch (OtlpExportException ex) when (ex.StatusCode == 401 || ex.StatusCode == 403)
            {
                var message = Messages.ReceiverRejectedCredentials(ex.Message, _exporter.HeaderSources);
                var rejected = new OtlpExportException(message, ex.StatusCode, ex.Attempts, ex.Category, ex);
                _cmd.ThrowTerminatingError(new ErrorRecord(rejected, ErrorIds.OtlpExportFailed, ex.Category, target));
                return;
            }
            catch (LlamaCloudException ex)
            {
                // A proxy refusing us (LlamaCloud.ProxyAuthenticationRequired) ends the command there.
                _cmd.WriteRequestError(ex, target);
                return;
            }
            if (result.RejectedSpans > 0)
            {
                var message = Messages.SpansRejected(_exporter.Display, result.RejectedSpans, spans, result.Message);
                _cmd.WriteError(new ErrorRecord(new LlamaCloudException(message, ErrorIds.OtlpPartialSuccess, ErrorCategory.InvalidData),
                    ErrorIds.OtlpPartialSuccess, ErrorCategory.InvalidData, target));
            }
            else if (result.Message != null)
            {
                _cmd.WriteWarning(Messages.ReceiverSaid(_exporter.Display, result.Message));
            }
            if (_cmd.WantsResults)
                _cmd.WriteObject(new ChatTraceExportResult(_exporter.Display, ids, spans, result.StatusCode, result.Attempts, result.RejectedSpans, result.Message, redaction?.Summary()));
        }
    }
}

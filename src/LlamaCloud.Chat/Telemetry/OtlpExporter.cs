using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Sends OTLP/JSON export requests to one receiver through the module's request loop (<see cref="RequestAttempt"/>,
    /// <see cref="RetryLoop"/>), following the OTLP rules (<see cref="OtlpRules"/>): the shared HttpClient for the
    /// command's proxy settings, a -TimeoutSec timer per attempt, waits shown as the command's progress, Ctrl+C at once,
    /// a proxy's refusal as one LlamaCloud.ProxyAuthenticationRequired. Header values never reach a message.
    /// </summary>
    internal sealed class OtlpExporter
    {
        private readonly Uri _endpoint;
        private readonly OtlpHeaders _headers;
        private readonly OtlpRules _rules;
        private readonly TimeSpan _timeout;
        private readonly IClientLog _log;
        private readonly ProxySettings _proxy;
        private readonly RetryLoop _retries;
        private readonly bool _gzip;

        internal OtlpExporter(Uri endpoint, OtlpHeaders headers, TimeSpan timeout, int maxRetries, string userAgent, IClientLog log,
            ProxySettings proxy, ActivityMonitor activity, bool gzip = false)
        {
            _endpoint = endpoint;
            _headers = headers;
            _timeout = timeout;
            _log = log;
            _proxy = proxy;
            _gzip = gzip;
            _rules = new OtlpRules(endpoint, headers, userAgent, maxRetries, timeout, proxy);
            _retries = new RetryLoop(new RateGate { Monitor = activity }, new CredentialCheck(), log, _rules);
        }

        internal string Display => _rules.Display;

        /// <summary>Header names and where each came from (never values), for an error about rejected credentials.</summary>
        internal string HeaderSources => _headers.DescribeSources();

        internal Task<OtlpSendResult> SendAsync(byte[] json, CancellationToken cancellationToken)
        {
            // Compressed once: a retry resends the same bytes.
            var body = _gzip ? OtlpCompression.Compress(json) : json;
            var note = Messages.ExportNote(body.Length, _gzip ? json.Length : (long?)null, new List<string>(_headers.Names));
            var spec = RequestSpec.Export(_endpoint, body, "application/json", _gzip ? OtlpCompression.Gzip : null, note);
            var attempt = new RequestAttempt(spec, _rules, _timeout, _proxy, _log);
            return _retries.RunAsync(spec, (n, described, credential) => attempt.RunAsync(n, described, credential, ReadAcceptedAsync, cancellationToken), cancellationToken);
        }

        private async Task<OtlpSendResult> ReadAcceptedAsync(HttpResponseMessage response, AttemptContext ctx)
        {
            var (answer, complete) = await OtlpRules.ReadLimitedAsync(response, ctx).ConfigureAwait(false);
            var (rejected, message) = complete ? OtlpResponse.PartialSuccess(answer) : (0L, null);
            return new OtlpSendResult((int)response.StatusCode, ctx.Attempt, rejected, _headers.Redact(message));
        }
    }
}

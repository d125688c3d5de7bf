using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Where traces go, as the OpenTelemetry exporter configuration defines it: -Endpoint, else
    /// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is), else OTEL_EXPORTER_OTLP_ENDPOINT with <c>v1/traces</c> appended.
    /// An -Endpoint with no path gets <c>/v1/traces</c> too. Unlike an SDK, nothing is guessed when none says where: a
    /// command at a prompt that forgot -Path must not post a session's history to whatever listens on localhost:4318.
    /// </summary>
    internal static class OtlpEndpoint
    {
        internal const string TracesPath = "v1/traces";

        internal static Uri Resolve(string? parameter, Func<string, string?> environment)
        {
            if (!string.IsNullOrWhiteSpace(parameter))
            {
                var uri = Parse(parameter!, "-Endpoint");
                return uri.AbsolutePath == "/" ? Append(uri) : uri;
            }
            var traces = environment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
            if (!string.IsNullOrWhiteSpace(traces)) return Parse(traces!, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
            var all = environment("OTEL_EXPORTER_OTLP_ENDPOINT");
            if (!string.IsNullOrWhiteSpace(all)) return Append(Parse(all!, "OTEL_EXPORTER_OTLP_ENDPOINT"));
            throw new LlamaCloudException(
                Messages.DestinationMissing(),
                ErrorIds.TraceDestinationMissing, ErrorCategory.InvalidArgument);
        }

        /// <summary>
        /// The per-attempt timeout: -TimeoutSec when given, else OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, else OTEL_EXPORTER_OTLP_TIMEOUT
        /// (milliseconds, 0 = none, as the OpenTelemetry exporters read them), else the -TimeoutSec default.
        /// </summary>
        internal static TimeSpan ResolveTimeout(int? timeoutSecParameter, int timeoutSecDefault, Func<string, string?> environment)
        {
            if (timeoutSecParameter.HasValue) return TimeSpan.FromSeconds(timeoutSecParameter.Value);
            foreach (var name in new[] { "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT" })
            {
                var text = environment(name);
                if (int.TryParse(text?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms))
                    return TimeSpan.FromMilliseconds(ms);
            }
            return TimeSpan.FromSeconds(timeoutSecDefault);
        }

        /// <summary>The endpoint as shown in messages: no credentials (refused anyway) and no query.</summary>
        internal static string Display(Uri uri) => uri.GetLeftPart(UriPartial.Path);

        private static Uri Append(Uri baseUri)
        {
            var text = baseUri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text + TracesPath : text + "/" + TracesPath);
        }

        private static Uri Parse(string text, string source)
        {
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new LlamaCloudException(
                    Messages.EndpointInvalid(source),
                    ErrorIds.InvalidOtlpEndpoint, ErrorCategory.InvalidArgument);
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                // Credentials in a URL end up in logs; the receiver's secrets belong in headers.
                throw new LlamaCloudException(
                    Messages.EndpointHasCredentials(source),
                    ErrorIds.InvalidOtlpEndpoint, ErrorCategory.InvalidArgument);
            }
            return uri;
        }
    }
}

using System;
using System.IO;
using System.IO.Compression;
using System.Management.Automation;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Whether OTLP requests are gzipped: -Compression, else OTEL_EXPORTER_OTLP_TRACES_COMPRESSION, else
    /// OTEL_EXPORTER_OTLP_COMPRESSION, else none. The specification's values are gzip and none.
    /// </summary>
    internal static class OtlpCompression
    {
        internal const string Gzip = "gzip";
        internal const string None = "none";
        internal const string TracesVariable = "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION";
        internal const string Variable = "OTEL_EXPORTER_OTLP_COMPRESSION";

        /// <summary>True for gzip. A variable with another value throws, naming the variable.</summary>
        internal static bool Resolve(string? parameter, Func<string, string?> environment)
        {
            if (!string.IsNullOrWhiteSpace(parameter)) return string.Equals(parameter!.Trim(), Gzip, StringComparison.OrdinalIgnoreCase);
            var (name, value) = OtlpEnvironment.Setting(environment, TracesVariable, Variable);
            if (value == null) return false;
            if (string.Equals(value, Gzip, StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(value, None, StringComparison.OrdinalIgnoreCase)) return false;
            throw new LlamaCloudException(
                Messages.CompressionUnknown(name, value),
                ErrorIds.InvalidOtlpCompression, ErrorCategory.InvalidArgument);
        }

        /// <summary>The body gzipped, once per request: every retry sends these same bytes.</summary>
        internal static byte[] Compress(byte[] body)
        {
            using var output = new MemoryStream(body.Length / 4 + 64);
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(body, 0, body.Length);
            return output.ToArray();
        }
    }
}

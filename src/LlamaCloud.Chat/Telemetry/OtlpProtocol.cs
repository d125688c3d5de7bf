using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, as an OpenTelemetry SDK reads them. This
    /// module sends OTLP/HTTP with JSON bodies: http/json (or unset) is that; http/protobuf is answered with JSON on the
    /// same path, which every OTLP/HTTP receiver also takes; grpc, or anything else, cannot be honoured and ends the command.
    /// </summary>
    internal static class OtlpProtocol
    {
        internal const string TracesVariable = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
        internal const string Variable = "OTEL_EXPORTER_OTLP_PROTOCOL";

        /// <summary>A verbose note when the variable asks for http/protobuf (null otherwise); throws for grpc or an unknown value.</summary>
        internal static string? Check(Func<string, string?> environment)
        {
            var (name, value) = Setting(environment);
            if (name == null) return null;
            switch (value!.ToLowerInvariant())
            {
                case "http/json":
                    return null;
                case "http/protobuf":
                    return Messages.ProtobufSentAsJson(name);
                case "grpc":
                    throw new LlamaCloudException(
                        Messages.GrpcUnsupported(name),
                        ErrorIds.UnsupportedOtlpProtocol, ErrorCategory.InvalidArgument);
                default:
                    throw new LlamaCloudException(
                        Messages.ProtocolUnknown(name, value),
                        ErrorIds.UnsupportedOtlpProtocol, ErrorCategory.InvalidArgument);
            }
        }

        private static (string? Name, string? Value) Setting(Func<string, string?> environment) =>
            OtlpEnvironment.Setting(environment, TracesVariable, Variable);
    }
}

using System;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>How an OpenTelemetry SDK reads an exporter setting: the signal-specific variable (OTEL_EXPORTER_OTLP_TRACES_X)
    /// when it is set, else the general one (OTEL_EXPORTER_OTLP_X).</summary>
    internal static class OtlpEnvironment
    {
        /// <summary>The variable that decides and its trimmed value; (null, null) when neither is set.</summary>
        internal static (string? Name, string? Value) Setting(Func<string, string?> environment, string tracesVariable, string variable)
        {
            foreach (var name in new[] { tracesVariable, variable })
            {
                var value = environment(name)?.Trim();
                if (!string.IsNullOrEmpty(value)) return (name, value);
            }
            return (null, null);
        }
    }
}

using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>How sessions become traces: the service name on the resource and whether content is recorded.</summary>
    internal sealed class TraceOptions
    {
        internal string ServiceName { get; set; } = TraceConventions.DefaultServiceName;

        /// <summary>Record prompts, answers, reasoning and tool arguments/results (opt-in, as the conventions require).</summary>
        internal bool IncludeContent { get; set; }

        /// <summary>More resource attributes (OTEL_RESOURCE_ATTRIBUTES): never replacing one the module writes.</summary>
        internal IReadOnlyList<KeyValuePair<string, string>> ExtraResource { get; set; } = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>The backend whose attributes are added (Generic: none).</summary>
        internal TraceProfile Profile { get; set; } = TraceProfile.Generic;

        /// <summary>-UserId: user.id on every span (and langfuse.user.id with the Langfuse profile); null for none.</summary>
        internal string? UserId { get; set; }

        internal string ModuleVersion { get; set; } = typeof(TraceOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}

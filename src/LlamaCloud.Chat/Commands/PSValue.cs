using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Values as binding and completers hand them over: possibly wrapped in a PSObject.</summary>
    internal static class PSValue
    {
        internal static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;

        internal static string? AsString(object? value) => Unwrap(value) as string;
    }
}

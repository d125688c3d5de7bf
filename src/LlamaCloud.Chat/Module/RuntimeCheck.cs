using System;
using System.Runtime.InteropServices;

namespace LlamaCloud.Chat.Module
{
    /// <summary>
    /// The manifest can say only "PowerShell 5.1 or later" (one minimum for both editions), yet PowerShell 7.0-7.3 run
    /// on .NET Core 3.1 to .NET 7, whose in-box System.Text.Json is older than the 8.0 the module is built against;
    /// there the runtime's copy wins and the first use would fail with a FileLoadException. So the module says so at
    /// import, naming the versions that work. One string comparison and a version read: nothing measurable at import.
    /// </summary>
    internal static class RuntimeCheck
    {
        internal const string Supported = "Windows PowerShell 5.1 (.NET Framework 4.7.2 or later) or PowerShell 7.4 or later";

        /// <summary>Throws when the current runtime cannot run the module.</summary>
        internal static void ThrowIfUnsupported()
        {
            var reason = UnsupportedReason(RuntimeInformation.FrameworkDescription, Environment.Version);
            if (reason != null) throw new PlatformNotSupportedException(reason);
        }

        /// <summary>Why <paramref name="frameworkDescription"/> / <paramref name="runtimeVersion"/> cannot run the module, or null when it can.</summary>
        internal static string? UnsupportedReason(string frameworkDescription, Version runtimeVersion)
        {
            // .NET Framework, and Mono (its profile, where the module's own dependencies load as on Windows PowerShell 5.1).
            if (frameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal) || frameworkDescription.StartsWith("Mono", StringComparison.Ordinal)) return null;
            // .NET 8+; .NET Core 2.x reports 4.0.30319 here, so only the description tells it from .NET Framework.
            if (runtimeVersion.Major >= 8) return null;
            return Messages.RuntimeUnsupported(Supported, frameworkDescription.Trim());
        }
    }
}

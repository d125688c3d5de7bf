using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace LlamaCloud.Chat.Module
{
    /// <summary>
    /// The DLLs in <c>Dependencies/</c> and the one question the .NET Framework resolver asks of them: is this request
    /// ours to answer? Only for an assembly the module ships, at a version no higher than the one shipped, with the
    /// same public key token, and (when the runtime says who asks) only for the module or one of its dependencies.
    /// Anything else is left to the runtime and to other modules' handlers.
    /// </summary>
    internal sealed class ShippedDependencies
    {
        private readonly Dictionary<string, (AssemblyName Name, string Path)> _byName;

        internal ShippedDependencies(string folder)
        {
            _byName = new Dictionary<string, (AssemblyName, string)>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(folder)) return;
            foreach (var path in Directory.GetFiles(folder, "*.dll"))
            {
                try
                {
                    var name = AssemblyName.GetAssemblyName(path);
                    if (name.Name != null) _byName[name.Name] = (name, path);
                }
                catch (Exception ex) when (ex is BadImageFormatException || ex is IOException || ex is UnauthorizedAccessException)
                {
                    // Not an assembly (or unreadable): it can answer nothing.
                }
            }
        }

        internal IReadOnlyCollection<string> Names => _byName.Keys;

        /// <summary>The shipped file that answers <paramref name="requested"/>, or null when the request is not ours.</summary>
        /// <param name="requested">What the runtime failed to find.</param>
        /// <param name="requestingName">The simple name of the assembly that asked, when the runtime knows it.</param>
        /// <param name="moduleName">The module's own assembly name.</param>
        internal string? PathFor(AssemblyName requested, string? requestingName, string moduleName)
        {
            if (requested.Name == null || !_byName.TryGetValue(requested.Name, out var shipped)) return null;
            if (requested.Version != null && shipped.Name.Version != null && requested.Version > shipped.Name.Version) return null;
            var wantedToken = requested.GetPublicKeyToken();
            if (wantedToken != null && wantedToken.Length > 0 && !TokenEquals(wantedToken, shipped.Name.GetPublicKeyToken())) return null;
            if (requestingName != null && !string.Equals(requestingName, moduleName, StringComparison.OrdinalIgnoreCase)
                && !_byName.ContainsKey(requestingName)) return null;
            return shipped.Path;
        }

        private static bool TokenEquals(byte[] a, byte[]? b)
        {
            if (b == null || a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}

using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// The Parquet table format: LlamaCloud.Chat.Parquet.dll and Parquet.Net (net8.0) in the module's <c>Parquet/</c>
    /// folder, loaded on first use into a load context of their own (<see cref="AssemblyLoadContextProxy"/>), so their
    /// dependencies never meet another module's. Windows PowerShell 5.1 (.NET Framework) cannot run them.
    /// </summary>
    internal static class ParquetFormatLoader
    {
        internal const string FolderName = "Parquet";
        internal const string AssemblyName = "LlamaCloud.Chat.Parquet";
        private const string TypeName = "LlamaCloud.Chat.Parquet.ParquetTableFormat";
        private static readonly object Gate = new object();
        private static ITableFileFormat? _format;

        /// <summary>The load context the writer lives in, once loaded (tests).</summary>
        internal static AssemblyLoadContextProxy? Context { get; private set; }

        /// <summary>The writer; throws LlamaCloud.ParquetUnavailable (ready for a terminating error) where it cannot run.</summary>
        internal static ITableFileFormat Load()
        {
            lock (Gate)
            {
                if (_format != null) return _format;
                if (Environment.Version.Major < 8)
                {
                    throw new LlamaCloudException(
                        Messages.ParquetNeedsPowerShell74(Runtime()),
                        ErrorIds.ParquetUnavailable, ErrorCategory.NotImplemented);
                }
                var host = typeof(ParquetFormatLoader).Assembly;
                var folder = Path.Combine(Path.GetDirectoryName(host.Location) ?? ".", FolderName);
                var path = Path.Combine(folder, AssemblyName + ".dll");
                if (!File.Exists(path))
                {
                    throw new LlamaCloudException(
                        Messages.ParquetMissing(path),
                        ErrorIds.ParquetUnavailable, ErrorCategory.NotInstalled);
                }
                try
                {
                    var context = AssemblyLoadContextProxy.Create("LlamaCloud.Chat.Parquet", folder, host)
                        ?? throw new PlatformNotSupportedException(Messages.NoAssemblyLoadContext());
                    // Every dependency is loaded into the context before anything asks for it by name: a context answers
                    // a name from what it holds first, and would otherwise ask the default context, where another module
                    // may already have loaded its own Parquet.dll.
                    foreach (var dll in Directory.GetFiles(folder, "*.dll"))
                    {
                        if (!string.Equals(Path.GetFileName(dll), AssemblyName + ".dll", StringComparison.OrdinalIgnoreCase)) context.LoadFromAssemblyPath(dll);
                    }
                    var type = context.LoadFromAssemblyPath(path).GetType(TypeName, throwOnError: true)!;
                    _format = (ITableFileFormat)Activator.CreateInstance(type, nonPublic: true)!;
                    Context = context;
                    return _format;
                }
                catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is TypeLoadException
                    || ex is MissingMemberException || ex is InvalidCastException || ex is TargetInvocationException
                    || ex is PlatformNotSupportedException || ex is ArgumentException)
                {
                    throw new LlamaCloudException(
                        Messages.ParquetNotLoaded(folder, ex.GetType().Name, ex.Message),
                        ErrorIds.ParquetUnavailable, ErrorCategory.NotInstalled, ex);
                }
            }
        }

        private static string Runtime()
        {
            var description = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
            return Messages.Runtime(description, description.StartsWith(".NET Framework", StringComparison.Ordinal));
        }
    }
}
